package io.cpra.core.web;

import java.util.Locale;

/**
 * A two-part badge, label on the left and message on the right, as an SVG image in the flat
 * style README badges use, or as a shields.io endpoint document. The message always says the
 * state in words, so the colour is never the only signal. Immutable.
 *
 * @param label   the left text
 * @param message the right text
 * @param hex     the right part's colour, {@code #rrggbb}
 */
record Badge(String label, String message, String hex) {

    private static final String LABEL_HEX = "#555555";
    /** Average advance of an 11 px sans-serif character, in pixels; badges need not be exact. */
    private static final double CHAR_WIDTH = 6.8;
    private static final int PADDING = 6;

    /**
     * The badge as an SVG document.
     *
     * @return the SVG text
     */
    String svg() {
        int left = width(label);
        int right = width(message);
        int total = left + right;
        String label = Markup.escape(this.label);
        String message = Markup.escape(this.message);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\""
                + " aria-label=\"" + label + ": " + message + "\">"
                + "<title>" + label + ": " + message + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
                + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + left + "\" height=\"20\" fill=\"" + LABEL_HEX + "\"/>"
                + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + hex + "\"/>"
                + "<rect width=\"" + total + "\" height=\"20\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
                + " font-size=\"11\">"
                + "<text x=\"" + left / 2.0 + "\" y=\"14\">" + label + "</text>"
                + "<text x=\"" + (left + right / 2.0) + "\" y=\"14\">" + message + "</text></g></svg>\n";
    }

    /**
     * The badge as a shields.io endpoint document
     * ({@code https://img.shields.io/endpoint?url=...}).
     *
     * @return the JSON text
     */
    String shields() {
        return "{\"schemaVersion\":1,\"label\":" + json(label) + ",\"message\":" + json(message)
                + ",\"color\":" + json(hex.substring(1)) + "}\n";
    }

    private static int width(String text) {
        return (int) Math.ceil(text.length() * CHAR_WIDTH) + 2 * PADDING;
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < ' ') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
