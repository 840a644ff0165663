package io.cpra.bench.realtarget;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * cpra's stored events since the run began ({@code GET /api/v1/events/history}), as the suite
 * judges them: which monitors that should pass raised a code (false failures), and how soon each
 * closed-port monitor went red after its first check.
 *
 * @param codesByColour     codes raised by monitors of healthy targets, by colour
 * @param falseAlarmMonitors monitors of healthy targets that raised any code
 * @param redDelays         for each closed-port monitor that went red: seconds from its first check to its red code
 * @param redAfterReady     for each closed-port monitor that went red: seconds from cpra's readiness to its red code
 * @param closedMonitors    closed-port monitors in the run
 * @param truncated         whether the pages ran out before the history did (the counts are then lower bounds)
 * @param examples          the summaries of a few codes raised by monitors of healthy targets, for the why
 */
record Events(Map<String, Long> codesByColour, long falseAlarmMonitors, double[] redDelays, double[] redAfterReady,
              int closedMonitors, boolean truncated, List<String> examples) {

    /** Summaries of false alarms kept as examples. */
    static final int EXAMPLES = 3;

    /** Pages of 1,000 events read at most per kind: enough for a run's codes, bounded if everything fails. */
    static final int MAX_PAGES = 400;

    /**
     * @param cpra   the running server
     * @param since  the run's start
     * @param ready  when cpra was ready
     * @param roster the run's monitors
     * @return the judged events
     * @throws IOException when the history cannot be read
     */
    static Events read(Cpra cpra, Instant since, Instant ready, Roster roster) throws IOException {
        Map<String, Long> byColour = new HashMap<>();
        boolean[] alarmed = new boolean[roster.size()];
        Instant[] firstCheck = new Instant[roster.size()];
        Instant[] red = new Instant[roster.size()];
        boolean truncated = false;
        List<String> examples = new ArrayList<>();
        for (String kind : List.of("code_raised", "incident_opened")) {
            String cursor = null;
            int pages = 0;
            do {
                JsonObject page = cpra.json("/api/v1/events/history?kind=" + kind + "&limit=1000&since="
                        + since + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                for (JsonValue value : page.getJsonArray("events")) {
                    JsonObject event = value.asJsonObject();
                    int number = roster.number(event.getString("monitor"));
                    if (number < 0) {
                        continue;
                    }
                    Target target = roster.groupOf(number).target();
                    Instant at = Instant.parse(event.getString("at"));
                    if (kind.equals("code_raised")) {
                        String colour = event.isNull("colour") ? "none" : event.getString("colour");
                        if (target.healthy()) {
                            byColour.merge(colour, 1L, Long::sum);
                            alarmed[number] = true;
                            JsonObject detail = event.getJsonObject("detail");
                            if (examples.size() < EXAMPLES && detail != null && detail.containsKey("summary")
                                    && !colour.equals("green")) {
                                examples.add(event.getString("at") + " " + detail.getString("summary"));
                            }
                        }
                        if (colour.equals("yellow")) {
                            firstCheck[number] = earliest(firstCheck[number], at);
                        } else if (colour.equals("red")) {
                            red[number] = earliest(red[number], at);
                        }
                    } else {
                        JsonArray checks = event.getJsonObject("detail").getJsonArray("checks");
                        if (checks != null && !checks.isEmpty()) {
                            firstCheck[number] = earliest(firstCheck[number],
                                    Instant.parse(checks.getJsonObject(0).getString("at")));
                        }
                    }
                }
                cursor = page.isNull("next") ? null : page.getString("next");
            } while (cursor != null && ++pages < MAX_PAGES);
            truncated |= cursor != null;
        }
        List<Double> delays = new ArrayList<>();
        List<Double> afterReady = new ArrayList<>();
        int closed = 0;
        long alarms = 0;
        for (int n = 0; n < roster.size(); n++) {
            alarms += alarmed[n] ? 1 : 0;
            if (roster.groupOf(n).target() != Target.TCP_CLOSED) {
                continue;
            }
            closed++;
            if (red[n] != null) {
                afterReady.add(seconds(ready, red[n]));
                if (firstCheck[n] != null) {
                    delays.add(seconds(firstCheck[n], red[n]));
                }
            }
        }
        return new Events(byColour, alarms, sorted(delays), sorted(afterReady), closed, truncated, List.copyOf(examples));
    }

    /** @return closed-port monitors that never went red */
    int neverRed() {
        return closedMonitors - redAfterReady.length;
    }

    private static Instant earliest(Instant known, Instant at) {
        return known == null || at.isBefore(known) ? at : known;
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }

    private static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
