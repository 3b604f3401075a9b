package org.smtprc.scan;

/** Keeps text from scanned hosts inside its column: hostile hosts may send megabytes. */
public final class Bounded {

    private Bounded() {
    }

    public static String text(String value, int limit) {
        if (value == null || value.length() <= limit) {
            return value;
        }
        String marker = "…[truncated]";
        return value.substring(0, limit - marker.length()) + marker;
    }
}
