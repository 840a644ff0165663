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
 * </table>
 * Every row that changes the stage also has the action {@code STAGE_CHANGED}.
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
 * </table>
 *
 * <h2>Performance</h2>
 * The engine calls {@code step} up to a million times a second and keeps the state in
 * struct-of-arrays columns whose layout is {@link io.cpra.core.engine.lifecycle.LifecycleState}'s
 * components. A passing pulse of a steady healthy monitor returns the same state instance and
 * no action; a step allocates only the next state when one changes.
 */
package io.cpra.core.engine.lifecycle;
