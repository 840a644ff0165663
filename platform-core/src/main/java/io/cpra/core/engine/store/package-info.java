/**
 * The entity store: every monitor's hot state as one row of a struct of arrays, addressed by
 * generation-checked handles. Written and read by the engine thread only.
 *
 * <p>The face is {@link io.cpra.core.engine.store.EntityStore}; its columns are
 * {@link io.cpra.core.engine.store.ByteColumn} and its siblings.
 */
package io.cpra.core.engine.store;
