package io.cpra.core.web;

/**
 * Escaping for text put into HTML and SVG: every name shown comes from configuration or the
 * API, so none is trusted to be markup. No instances.
 */
final class Markup {

    private Markup() {
    }

    /**
     * The text with {@code & < > " '} replaced by entities, safe in element content and in
     * quoted attribute values of HTML and XML; control characters other than tab and newline,
     * which XML does not allow, become spaces.
     *
     * @param text the text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < ' ' && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
