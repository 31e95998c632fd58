package dev.ibu.apiserver.api;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** Go's fmt verbs as apimachinery uses them for values in messages: %q for strings, %v for numbers. */
public final class GoFormat {
    private GoFormat() {
    }

    public static String value(Object v) {
        if (v == FieldError.NULL || v == null) {
            return "\"null\"";
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof JsonNode n) {
            return n.toString();
        }
        return String.valueOf(v);
    }

    /** Go's %v of a float64: shortest representation, no trailing ".0". */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return new BigDecimal(d).toBigInteger().toString();
        }
        return Double.toString(d).replace("E", "e+").replace("e+-", "e-");
    }

    /** Go's strconv.Quote for the printable ASCII and common escapes. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
