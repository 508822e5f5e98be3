package dev.keel.core;

/**
 * A value a client sent (a method name, a request id, a tool name, a reason), made fit for a log line:
 * control characters escaped, so that no client can forge a line of its own, and the text cut to
 * {@link #MAX_CHARS} characters, so that a 4 MiB id costs a log line no more than a short one.
 */
public final class LogText {

    /** The most characters of a value a log line shows. */
    public static final int MAX_CHARS = 200;

    private LogText() {
    }

    /** {@code value}'s text, escaped and cut; {@code "null"} for none. */
    public static String of(Object value) {
        String text = String.valueOf(value);
        int shown = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = null;
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(shown + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        if (out == null && shown == text.length()) {
            return text;
        }
        if (out == null) {
            out = new StringBuilder(shown + 24).append(text, 0, shown);
        }
        if (shown < text.length()) {
            out.append("…(").append(text.length() - shown).append(" more)");
        }
        return out.toString();
    }
}
