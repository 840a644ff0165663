package io.cpra.plugins.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command written as one string into words the way a POSIX shell would, without
 * running one: whitespace separates words; single quotes keep everything literally; double
 * quotes keep everything but {@code \"}, {@code \\}, {@code \$} and {@code \`}; a backslash
 * outside quotes escapes the next character. Nothing is expanded: no variables, globs, pipes
 * or redirections (the {@code shell} key is for those). No instances.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * Splits a command line.
     *
     * @param line such as {@code check_tcp -H 'db 1' -p 5432}
     * @return the words, possibly empty
     * @throws IllegalArgumentException when a quote is not closed or the line ends in a backslash
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("a single quote at position " + i + " is not closed");
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw new IllegalArgumentException("the line ends in a backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends a double-quoted part that starts at {@code open}; returns the index after it. */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("a double quote at position " + open + " is not closed");
    }

    /**
     * Quotes words so that {@link #split} gives them back; for messages and tests.
     *
     * @param words any words
     * @return one line
     */
    static String join(List<String> words) {
        List<String> quoted = new ArrayList<>(words.size());
        for (String word : words) {
            boolean plain = !word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@%+,".indexOf(c) >= 0);
            quoted.add(plain ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
