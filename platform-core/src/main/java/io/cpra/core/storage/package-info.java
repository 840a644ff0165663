/**
 * Persistence: {@link io.cpra.core.storage.Storage} and its records, over JDBC, for SQLite (the
 * embedded default) and PostgreSQL. Depends on no other cpra package.
 *
 * <p>Schema (version 1; times are epoch milliseconds, JSON is text):
 * <ul>
 *   <li>{@code cpra_monitors(name PK, definition, updated_at)} — monitors created through the API</li>
 *   <li>{@code cpra_holds(name PK, paused, maintenance, maintenance_until, updated_at)}</li>
 *   <li>{@code cpra_snapshots(name PK, stage, consecutive_failures, success_streak, attempts,
 *       verify_remaining, incident_seq, lifecycle_flags, incident_id, updated_at)}</li>
 *   <li>{@code cpra_incidents(id PK, monitor, opened_at, closed_at, cause)}; indexes on
 *       {@code (monitor, id)}, open ids, and {@code closed_at} of closed ones</li>
 *   <li>{@code cpra_events(seq identity PK, at, monitor, kind, colour, incident_id, detail)}; indexes on
 *       {@code (monitor, seq)}, {@code (incident_id, seq)} where it is not 0, and {@code at}</li>
 *   <li>{@code cpra_outbox(seq identity PK, alert_id unique, monitor, colour, notifier, alert, state,
 *       attempts, next_attempt_at, last_error, created_at, updated_at)}; index on {@code (state, seq)}</li>
 *   <li>{@code cpra_counters(name PK, value)} — high-water marks that outlive prune</li>
 *   <li>{@code cpra_schema_version(version PK, description, applied_at)} — migrations applied</li>
 * </ul>
 */
package io.cpra.core.storage;
