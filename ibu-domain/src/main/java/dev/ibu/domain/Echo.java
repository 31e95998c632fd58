package dev.ibu.domain;

/**
 * Bounds what a message repeats of a user's input (a version, an image, a name): a condition or event that echoes a
 * 200,000-character field whole is unreadable and can exceed what the API server stores (a condition message holds
 * at most 32768 characters). The one helper every message uses for user-given text.
 */
public final class Echo {
    /** The most characters of one user-given string a message repeats. */
    public static final int MAX = 256;
    /** What a condition message may hold (metav1.Condition, maxLength 32768). */
    public static final int CONDITION_MESSAGE_MAX = 32768;

    private Echo() {
    }

    /** {@code text} as is when short, else its first characters and a marker saying how many were left out. */
    public static String of(String text) {
        return bounded(text, MAX);
    }

    /** {@code text} bounded to {@code max} characters, the marker included. */
    public static String bounded(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        String marker = "... (" + text.length() + " characters, shortened)";
        int keep = Math.max(0, max - marker.length());
        // never cut a surrogate pair in two
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + marker;
    }
}
