package io.cpra.core.manifest;

import java.util.Collection;

/**
 * "Did you mean" hints: the closest known name within a small edit distance. Stateless.
 */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * @param name  what was written
     * @param known the names accepted there
     * @return {@code  (did you mean "x"?)} with a leading space, or an empty string
     */
    static String didYouMean(String name, Collection<String> known) {
        String best = closest(name, known);
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    /**
     * @param name  what was written
     * @param known the names accepted there
     * @return the closest known name within the distance a typo makes, or null
     */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, Math.min(3, name.length() / 3)) + 1;
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
