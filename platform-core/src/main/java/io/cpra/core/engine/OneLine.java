package io.cpra.core.engine;

/**
 * Turns what a plugin threw into one readable line for operators: the exception's simple name
 * and message, then its causes' messages, with line breaks and other control characters
 * folded into spaces and the whole cut to {@link #MAX} characters. Stack traces belong in the
 * log, never in an outcome, an event or an alert.
 */
final class OneLine {

    /** The longest line, in characters; longer ones end in an ellipsis. */
    static final int MAX = 300;

    private OneLine() {
    }

    static String of(Throwable thrown) {
        StringBuilder line = new StringBuilder();
        line.append(thrown.getClass().getSimpleName());
        append(line, thrown.getMessage());
        Throwable cause = thrown.getCause();
        for (int depth = 0; cause != null && cause != thrown && depth < 3; depth++) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && line.indexOf(message.strip()) < 0) {
                line.append(" (").append(cause.getClass().getSimpleName());
                append(line, message);
                line.append(')');
            }
            cause = cause.getCause();
        }
        return fold(line);
    }

    private static void append(StringBuilder line, String message) {
        if (message != null && !message.isBlank()) {
            line.append(": ").append(message.strip());
        }
    }

    private static String fold(CharSequence text) {
        StringBuilder folded = new StringBuilder(Math.min(text.length(), MAX + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && folded.length() <= MAX; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                space = folded.length() > 0;
            } else {
                if (space) {
                    folded.append(' ');
                    space = false;
                }
                folded.append(c);
            }
        }
        if (folded.length() > MAX) {
            folded.setLength(MAX - 1);
            folded.append('…');
        }
        return folded.toString();
    }
}
