/**
 * The monitor lifecycle: a pure state machine that turns what happened to a monitor (a pulse
 * outcome, an intervention outcome, a retry timer, a maintenance command) into its next state,
 * the codes it raises and the actions the engine must take.
 *
 * <h2>Face</h2>
 * {@link io.cpra.core.engine.lifecycle.Lifecycle#step Lifecycle.step(state, input, now, policy, out)}
 * reads an immutable {@link io.cpra.core.engine.lifecycle.LifecycleState}, an
 * {@link io.cpra.core.engine.lifecycle.Input}, the time and the monitor's
 * {@link io.cpra.core.engine.lifecycle.Policy}, and overwrites a caller-owned
 * {@link io.cpra.core.engine.lifecycle.Transition} with the next state, the
 * {@link io.cpra.core.engine.lifecycle.Code codes} raised or suppressed and the
 * {@link io.cpra.core.engine.lifecycle.Action actions}. This package depends on
 * {@code java.lang} and {@code java.util} only: no clock, no thread, no I/O, not even the
 * plugin API. Whether a raised code is <em>delivered</em> (the monitor has a
 * {@code codes.<colour>} block with {@code dispatch: true}) is for the engine to decide.
 *
 * <h2>Rules</h2>
 * <p>u = {@code unhealthy_threshold}, h = {@code healthy_threshold}, v = verification pulses,
 * m = intervention attempts; F = consecutive failures and S = success streak, both after the
 * pulse is counted. Codes in a row are raised in that order.
 * <table>
 *   <caption>Transitions</caption>
 *   <tr><th>row</th><th>stage</th><th>input</th><th>condition</th><th>codes</th><th>actions</th><th>next stage</th></tr>
 *   <tr><td>H1</td><td>HEALTHY</td><td>pass</td><td></td><td></td><td></td><td>HEALTHY</td></tr>
 *   <tr><td>H2</td><td>HEALTHY</td><td>fail</td><td>F &lt; u</td><td>yellow</td><td></td><td>FAILING</td></tr>
 *   <tr><td>H3</td><td>HEALTHY</td><td>fail</td><td>F &ge; u, no intervention</td><td>yellow, red</td><td>open</td><td>INCIDENT</td></tr>
 *   <tr><td>H4</td><td>HEALTHY</td><td>fail</td><td>F &ge; u, intervention</td><td>yellow</td><td>open, start 1</td><td>INTERVENING</td></tr>
 *   <tr><td>F1</td><td>FAILING</td><td>pass</td><td>S &lt; h</td><td></td><td></td><td>FAILING</td></tr>
 *   <tr><td>F2</td><td>FAILING</td><td>pass</td><td>S &ge; h</td><td>green</td><td></td><td>HEALTHY</td></tr>
 *   <tr><td>F3</td><td>FAILING</td><td>fail</td><td>F &lt; u</td><td></td><td></td><td>FAILING</td></tr>
 *   <tr><td>F4</td><td>FAILING</td><td>fail</td><td>F &ge; u, no intervention</td><td>red</td><td>open</td><td>INCIDENT</td></tr>
 *   <tr><td>F5</td><td>FAILING</td><td>fail</td><td>F &ge; u, intervention</td><td></td><td>open, start 1</td><td>INTERVENING</td></tr>
 *   <tr><td>I1</td><td>INTERVENING</td><td>pass, fail</td><td></td><td></td><td>(counters only)</td><td>INTERVENING</td></tr>
 *   <tr><td>I2</td><td>INTERVENING</td><td>attempt succeeded</td><td>in flight</td><td>cyan</td><td></td><td>VERIFYING (v to go)</td></tr>
 *   <tr><td>I3</td><td>INTERVENING</td><td>attempt failed or timed out</td><td>in flight, attempt k &lt; m</td><td></td><td>schedule k+1 after min(base&middot;2<sup>k-1</sup>, cap)</td><td>INTERVENING</td></tr>
 *   <tr><td>I4</td><td>INTERVENING</td><td>attempt failed or timed out</td><td>in flight, k &ge; m</td><td>red</td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>I5</td><td>INTERVENING</td><td>retry due</td><td>attempt k scheduled</td><td></td><td>start k</td><td>INTERVENING</td></tr>
 *   <tr><td>I6</td><td>INTERVENING</td><td>attempt outcome</td><td>none in flight</td><td></td><td>ignored</td><td>INTERVENING</td></tr>
 *   <tr><td>I7</td><td>INTERVENING</td><td>retry due</td><td>attempt in flight</td><td></td><td>ignored</td><td>INTERVENING</td></tr>
 *   <tr><td>I9</td><td>INTERVENING</td><td>attempt held</td><td>in flight (waiting for its budget)</td><td>red</td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>I8</td><td>INTERVENING</td><td>attempt failed or retry due</td><td>intervention removed by a reload</td><td>red</td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>V1</td><td>VERIFYING</td><td>pass</td><td>more to go</td><td></td><td></td><td>VERIFYING</td></tr>
 *   <tr><td>V2</td><td>VERIFYING</td><td>pass</td><td>the last one</td><td>green</td><td>close</td><td>HEALTHY</td></tr>
 *   <tr><td>V3</td><td>VERIFYING</td><td>fail</td><td></td><td>red</td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>N1</td><td>INCIDENT</td><td>pass</td><td>S &lt; h</td><td></td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>N2</td><td>INCIDENT</td><td>pass</td><td>S &ge; h</td><td>green</td><td>close</td><td>HEALTHY</td></tr>
 *   <tr><td>N3</td><td>INCIDENT</td><td>fail</td><td>red already raised</td><td></td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>N4</td><td>INCIDENT</td><td>fail</td><td>red not raised (maintenance cut an intervention short), F &ge; u</td><td>red</td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>M1</td><td>any but MAINTENANCE</td><td>enter maintenance</td><td></td><td>gray</td><td>(attempt forgotten)</td><td>MAINTENANCE</td></tr>
 *   <tr><td>M2</td><td>MAINTENANCE</td><td>anything but leave</td><td></td><td></td><td>ignored</td><td>MAINTENANCE</td></tr>
 *   <tr><td>M3</td><td>MAINTENANCE</td><td>leave maintenance</td><td>incident open</td><td></td><td></td><td>INCIDENT</td></tr>
 *   <tr><td>M4</td><td>MAINTENANCE</td><td>leave maintenance</td><td>no incident; checks running, or not failing when maintenance began</td><td></td><td></td><td>HEALTHY</td></tr>
 *   <tr><td>M5</td><td>MAINTENANCE</td><td>leave maintenance while paused</td><td>no incident, failing when maintenance began</td><td></td><td>F = 1</td><td>FAILING</td></tr>
 *   <tr><td>X1</td><td>HEALTHY, FAILING, VERIFYING, INCIDENT</td><td>attempt outcome, retry due, leave maintenance</td><td></td><td></td><td>ignored</td><td>unchanged</td></tr>
 *   <tr><td>X2</td><td>INTERVENING without an attempt in flight</td><td>attempt held</td><td></td><td></td><td>ignored</td><td>unchanged</td></tr>
 *   <tr><td>D1</td><td>HEALTHY, FAILING</td><td>parent down</td><td></td><td></td><td>(counters reset; from FAILING a green is owed)</td><td>UNREACHABLE</td></tr>
 *   <tr><td>D2</td><td>INTERVENING, VERIFYING, INCIDENT</td><td>parent down</td><td></td><td></td><td>(attempt forgotten, incident stays open)</td><td>UNREACHABLE</td></tr>
 *   <tr><td>D3</td><td>UNREACHABLE</td><td>parent recovered</td><td>incident open / none</td><td>green if owed</td><td>recheck</td><td>INCIDENT / HEALTHY</td></tr>
 *   <tr><td>D4</td><td>UNREACHABLE</td><td>pass</td><td></td><td>green if owed, then as the row of the next stage</td><td>as that row</td><td>as D3, then that row (H1, N1, N2)</td></tr>
 *   <tr><td>D4f</td><td>UNREACHABLE</td><td>fail</td><td>green owed / not</td><td>as F3&ndash;F5 / H2&ndash;H4, N3, N4</td><td>as that row</td><td>FAILING, then F3&ndash;F5 / as D3, then that row</td></tr>
 *   <tr><td>D5</td><td>UNREACHABLE</td><td>enter maintenance</td><td></td><td>gray</td><td></td><td>MAINTENANCE</td></tr>
 *   <tr><td>D6</td><td>UNREACHABLE</td><td>parent down, attempt outcome, retry due, leave maintenance</td><td></td><td></td><td>ignored</td><td>UNREACHABLE</td></tr>
 *   <tr><td>D7</td><td>MAINTENANCE</td><td>parent down, parent recovered</td><td></td><td></td><td>ignored (M2)</td><td>MAINTENANCE</td></tr>
 *   <tr><td>D8</td><td>any but UNREACHABLE, MAINTENANCE</td><td>parent recovered</td><td></td><td></td><td>ignored</td><td>unchanged</td></tr>
 * </table>
 * "Parent down" is what the engine steps with instead of bad news (a failed pulse, a failed,
 * timed-out or held attempt in flight, a due retry) while a parent the monitor {@code depends_on} is
 * down ({@link io.cpra.core.engine.lifecycle.Input#underDownParent}); a parent is down whenever
 * its stage is not HEALTHY. "Parent recovered" comes when the last down parent is HEALTHY again.
 * Every row that changes the stage also has the action {@code STAGE_CHANGED}. "Attempt outcome"
 * includes "attempt held" (I9): the engine keeps a started attempt waiting while its intervention
 * budget is full and gives up on it after the budget's {@code wait}.
 *
 * <h2>Decisions where DESIGN.md is silent</h2>
 * <table>
 *   <caption>Decisions</caption>
 *   <tr><th>question</th><th>decision</th><th>why</th></tr>
 *   <tr><td>Does a WARNING pulse count?</td><td>As a pass ({@code Input.pulse(outcome.passing())}).</td>
 *       <td>The Nagios convention: WARNING is degraded but up.</td></tr>
 *   <tr><td>Is a timed-out attempt different from a failed one?</td><td>No: both use up an attempt.</td>
 *       <td>The intervention contract counts an abandoned call as a failed attempt.</td></tr>
 *   <tr><td>When does attempt k+1 run?</td><td>After min(base&middot;2<sup>k-1</sup>, cap): base, 2&middot;base, 4&middot;base&hellip;
 *       always through {@code SCHEDULE_ATTEMPT} and {@code RETRY_DUE}, even with a zero delay.</td>
 *       <td>Kubernetes-style restart backoff; one path for every retry.</td></tr>
 *   <tr><td>What after a failed verification or exhausted attempts?</td><td>Red, then INCIDENT with no further
 *       attempt in that incident; h passes in a row close it with green.</td>
 *       <td>Red means "people needed"; automation that did not help is not repeated behind their back.</td></tr>
 *   <tr><td>Do pulses during an intervention count?</td><td>Yes: F and S keep counting but the stage holds; once
 *       in INCIDENT the streak already built counts towards green.</td>
 *       <td>The incident is open during the intervention, so its passes are "during the incident".</td></tr>
 *   <tr><td>How large do the counters get?</td><td>F saturates at {@code Integer.MAX_VALUE}; S stops at h.</td>
 *       <td>No rule needs more than h; a steady monitor's state stops changing, so its pulses write nothing.</td></tr>
 *   <tr><td>What does maintenance do to an open incident?</td><td>Keeps it open, red flag included. Leaving goes to
 *       INCIDENT, where h passes close it with green.</td>
 *       <td>Maintenance does not fix anything; closing the incident silently would leave the pager's
 *       incident (keyed by incident id) open with no green to resolve it.</td></tr>
 *   <tr><td>And to an intervention in flight or scheduled?</td><td>Forgotten: counters and attempts reset, late
 *       outcomes and timers are ignored; no new attempt in the same incident. If failures reach u
 *       after maintenance and the incident never had its red, red is raised then (N4).</td>
 *       <td>The operator has taken over; someone must still hear if the monitor stays down.</td></tr>
 *   <tr><td>What does leaving maintenance raise?</td><td>Nothing; the next pulses speak. Entering twice raises one gray.</td>
 *       <td>Gray is the only maintenance code.</td></tr>
 *   <tr><td>What does a cooldown suppress?</td><td>The code only: the stage, incident and attempts still move,
 *       and the step reports the code as suppressed. The window runs from the last code raised, not
 *       from the last suppressed one. A suppressed red still uses up the incident's one red.</td>
 *       <td>Suppression must be visible as an event; a flapping monitor still gets one code per window.</td></tr>
 *   <tr><td>Which green is raised after a suppressed yellow?</td><td>The green of F2, as usual.</td>
 *       <td>Green always passes.</td></tr>
 *   <tr><td>Late outcomes after a reset?</td><td>The lifecycle accepts an outcome whenever an attempt is in flight;
 *       the engine must drop outcomes of attempts it abandoned (tag jobs with incident number and attempt).</td>
 *       <td>Only the engine knows which job a result belongs to.</td></tr>
 *   <tr><td>What does a full intervention budget do?</td><td>Nothing the lifecycle sees until the wait ends: the
 *       attempt counts as in flight while it waits; if it never ran, "attempt held" raises red (I9) with no retry.</td>
 *       <td>Waiting is the engine's (it knows the other monitors); the outcome is the lifecycle's, and the
 *       incident's one red says the budget held the repair back.</td></tr>
 *   <tr><td>When is a parent down?</td><td>Whenever its stage is not HEALTHY: failing (from its first failure),
 *       in an incident, intervening, verifying, unreachable itself, or in maintenance.</td>
 *       <td>In a storm the children's failures arrive in the same minute as the parent's first one; waiting for
 *       the parent's threshold would let every child with a lower threshold open its incident first. A parent in
 *       maintenance is being worked on, so its children's failures are expected. Unreachable is transitive.</td></tr>
 *   <tr><td>What does becoming unreachable raise?</td><td>Nothing: one stage change (an event), no code, no incident,
 *       no attempt. An intervention episode ends as in maintenance; an open incident stays open, red flag included.</td>
 *       <td>The parent's incident is the one people need; the child's own incident, if it had one first, is still
 *       true and must still get its green.</td></tr>
 *   <tr><td>A yellow raised before the parent was known down?</td><td>Gets its green when the monitor leaves
 *       unreachable (D3, D4), and no second yellow if it fails on its own right after (D4f). Maintenance drops it (M4).</td>
 *       <td>Which came first is a race of one check interval, so some children of a storm do raise yellow; a yellow
 *       without a green is a warning left open on the receiver for good.</td></tr>
 *   <tr><td>Does an unreachable monitor keep its checks?</td><td>Yes: a pass, or a failure with every parent up,
 *       ends it (D4) even without "parent recovered".</td>
 *       <td>A parent removed by a reload sends nothing; the monitor must still find its way back.</td></tr>
 * </table>
 *
 * <h2>Performance</h2>
 * The engine calls {@code step} up to a million times a second and keeps the state in
 * struct-of-arrays columns whose layout is {@link io.cpra.core.engine.lifecycle.LifecycleState}'s
 * components. A passing pulse of a steady healthy monitor returns the same state instance and
 * no action; a step allocates only the next state when one changes.
 */
package io.cpra.core.engine.lifecycle;
