package io.cpra.core.manifest;

import io.cpra.core.manifest.Node.Kind;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Resolves scalars the way the YAML 1.2 core schema does: plain {@code 42} is an integer,
 * {@code 1.5} a float, {@code true}/{@code false} booleans, {@code ~}/{@code null}/empty null,
 * anything else text; quoted scalars are always text. The YAML 1.1 words {@code yes}, {@code no},
 * {@code on} and {@code off} stay text here, so a plugin's string key keeps them as written; the
 * manifest's own boolean fields accept them (see {@link #yaml11Boolean}). Stateless.
 */
final class Scalars {

    static final String TAG_PREFIX = "tag:yaml.org,2002:";

    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN");

    private Scalars() {
    }

    /**
     * Resolves a scalar event's text.
     *
     * @param text  the scalar's text
     * @param plain whether it was written without quotes
     * @param tag   its explicit tag, or null
     * @return the node, or null when an explicit tag does not fit the text or is not supported
     */
    static Node.Scalar resolve(int line, int column, String text, boolean plain, String tag) {
        if (tag != null) {
            return tagged(line, column, text, tag);
        }
        if (!plain) {
            return new Node.Scalar(line, column, text, Kind.STRING, text, false);
        }
        Node.Scalar resolved = implicit(line, column, text);
        return resolved != null ? resolved : new Node.Scalar(line, column, text, Kind.STRING, text, true);
    }

    private static Node.Scalar implicit(int line, int column, String text) {
        if (text.isEmpty()) {
            return new Node.Scalar(line, column, text, Kind.NULL, null, true);
        }
        char first = text.charAt(0);
        switch (first) {
            case '~':
                return text.length() == 1 ? new Node.Scalar(line, column, text, Kind.NULL, null, true) : null;
            case 'n', 'N':
                return text.equals("null") || text.equals("Null") || text.equals("NULL")
                        ? new Node.Scalar(line, column, text, Kind.NULL, null, true) : null;
            case 't', 'T':
                return text.equals("true") || text.equals("True") || text.equals("TRUE")
                        ? new Node.Scalar(line, column, text, Kind.BOOLEAN, Boolean.TRUE, true) : null;
            case 'f', 'F':
                return text.equals("false") || text.equals("False") || text.equals("FALSE")
                        ? new Node.Scalar(line, column, text, Kind.BOOLEAN, Boolean.FALSE, true) : null;
            default:
                if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.') {
                    return number(line, column, text);
                }
                return null;
        }
    }

    private static Node.Scalar number(int line, int column, String text) {
        if (isSmallDecimal(text)) {
            // the common case (ports, counts, thresholds) without a regular expression
            return new Node.Scalar(line, column, text, Kind.INTEGER, Integer.parseInt(text), true);
        }
        if (INT.matcher(text).matches()) {
            return new Node.Scalar(line, column, text, Kind.INTEGER, integer(text), true);
        }
        if (FLOAT.matcher(text).matches()) {
            return new Node.Scalar(line, column, text, Kind.FLOAT, floating(text), true);
        }
        return null;
    }

    /** Up to nine digits with an optional sign: always an int. */
    private static boolean isSmallDecimal(String text) {
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        int length = text.length() - start;
        if (length < 1 || length > 9) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Number integer(String text) {
        BigInteger value;
        if (text.startsWith("0o")) {
            value = new BigInteger(text.substring(2), 8);
        } else if (text.startsWith("0x")) {
            value = new BigInteger(text.substring(2), 16);
        } else if (text.length() < 10) {
            return Integer.parseInt(text);
        } else {
            value = new BigInteger(text);
        }
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    private static Double floating(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        return Double.valueOf(text);
    }

    private static Node.Scalar tagged(int line, int column, String text, String tag) {
        if (tag.equals("!")) {
            return new Node.Scalar(line, column, text, Kind.STRING, text, false);
        }
        if (!tag.startsWith(TAG_PREFIX)) {
            return null;
        }
        Node.Scalar implicit = implicit(line, column, text.strip());
        Kind wanted = switch (tag.substring(TAG_PREFIX.length())) {
            case "str" -> Kind.STRING;
            case "int" -> Kind.INTEGER;
            case "float" -> Kind.FLOAT;
            case "bool" -> Kind.BOOLEAN;
            case "null" -> Kind.NULL;
            default -> null;
        };
        if (wanted == null) {
            return null;
        }
        if (wanted == Kind.STRING) {
            return new Node.Scalar(line, column, text, Kind.STRING, text, false);
        }
        if (wanted == Kind.FLOAT && implicit != null && implicit.kind == Kind.INTEGER) {
            return new Node.Scalar(line, column, text, Kind.FLOAT, ((Number) implicit.value).doubleValue(), false);
        }
        if (implicit == null || implicit.kind != wanted) {
            return null;
        }
        return new Node.Scalar(line, column, text, wanted, implicit.value, false);
    }

    /** Whether a tag is one of the core schema's scalar tags. */
    static boolean isStandard(String tag) {
        return switch (tag) {
            case TAG_PREFIX + "str", TAG_PREFIX + "int", TAG_PREFIX + "float", TAG_PREFIX + "bool",
                 TAG_PREFIX + "null" -> true;
            default -> false;
        };
    }

    /** A tag as users write it: {@code !!int} rather than its full form. */
    static String shortTag(String tag) {
        return tag.startsWith(TAG_PREFIX) ? "!!" + tag.substring(TAG_PREFIX.length()) : tag;
    }

    /**
     * A manifest boolean: the core schema's {@code true}/{@code false} plus the YAML 1.1 words
     * CPRA accepted ({@code yes}, {@code no}, {@code on}, {@code off} in lower, title or upper case),
     * unquoted only, as YAML 1.1 had it.
     *
     * @return the value, or null when the scalar is not a boolean
     */
    static Boolean yaml11Boolean(Node.Scalar scalar) {
        if (scalar.kind == Kind.BOOLEAN) {
            return (Boolean) scalar.value;
        }
        if (!scalar.plain || scalar.kind != Kind.STRING) {
            return null;
        }
        return switch (scalar.text) {
            case "yes", "Yes", "YES", "on", "On", "ON" -> Boolean.TRUE;
            case "no", "No", "NO", "off", "Off", "OFF" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A node for a value that arrived already parsed (a JSON body); strings count as quoted. */
    static Node.Scalar ofValue(Object value) {
        if (value == null) {
            return new Node.Scalar(0, 0, "", Kind.NULL, null, true);
        }
        if (value instanceof Boolean b) {
            return new Node.Scalar(0, 0, b.toString(), Kind.BOOLEAN, b, true);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            return new Node.Scalar(0, 0, value.toString(), Kind.INTEGER, value, true);
        }
        if (value instanceof java.math.BigDecimal decimal) {
            try {
                return ofValue(decimal.toBigIntegerExact());
            } catch (ArithmeticException fraction) {
                return new Node.Scalar(0, 0, decimal.toPlainString(), Kind.FLOAT, decimal.doubleValue(), true);
            }
        }
        if (value instanceof Number number) {
            return new Node.Scalar(0, 0, number.toString(), Kind.FLOAT, number.doubleValue(), true);
        }
        String text = value.toString();
        return new Node.Scalar(0, 0, text, Kind.STRING, text, false);
    }
}
