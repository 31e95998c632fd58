package dev.ibu.kubectl;

/** ANSI colours, or none: only on a terminal, and never with {@code --no-color} or {@code NO_COLOR} set. */
record Style(boolean colour) {
    static final Style PLAIN = new Style(false);

    String ok(String s) {
        return paint("32", s);
    }

    String busy(String s) {
        return paint("33", s);
    }

    String bad(String s) {
        return paint("31", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
