package dev.keel.core;

/**
 * Caps on what one request may name, past the codec's limits on the message itself
 * ({@link dev.keel.jsonrpc.JsonRpcLimits}, which also bounds ids and progress tokens). Every name and
 * URI a client sends is echoed in errors and logs, kept in a session, or compared with every event,
 * so each is held to a length well below the message's; a legacy session and a listen stream hold
 * a bounded number of resource subscriptions. A request over a cap is answered with
 * {@code -32602 Invalid params} naming the cap, and nothing else is disturbed.
 *
 * @param maxNameLength the longest tool, prompt or completion argument name, in characters (default 1024)
 * @param maxUriLength the longest resource URI or URI template, in characters (default 16384)
 * @param maxSubscriptions the most resource subscriptions one legacy session or listen stream holds
 *     (default 1000)
 */
public record InputLimits(int maxNameLength, int maxUriLength, int maxSubscriptions) {

    private static final InputLimits DEFAULTS = new InputLimits(1024, 16 * 1024, 1000);

    public InputLimits {
        positive("maxNameLength", maxNameLength);
        positive("maxUriLength", maxUriLength);
        positive("maxSubscriptions", maxSubscriptions);
    }

    /** The defaults listed above. */
    public static InputLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with {@code maxNameLength} instead. */
    public InputLimits withMaxNameLength(int max) {
        return new InputLimits(max, maxUriLength, maxSubscriptions);
    }

    /** These limits with {@code maxUriLength} instead. */
    public InputLimits withMaxUriLength(int max) {
        return new InputLimits(maxNameLength, max, maxSubscriptions);
    }

    /** These limits with {@code maxSubscriptions} instead. */
    public InputLimits withMaxSubscriptions(int max) {
        return new InputLimits(maxNameLength, maxUriLength, max);
    }

    /** {@code name}, unless it is longer than {@link #maxNameLength}; {@code member} names it in the error. */
    String name(String name, String member) {
        return capped(name, maxNameLength, member);
    }

    /** {@code uri}, unless it is longer than {@link #maxUriLength}; {@code member} names it in the error. */
    String uri(String uri, String member) {
        return capped(uri, maxUriLength, member);
    }

    /**
     * {@code value}, or the invalid-params error that names {@code member}, its length and {@code max}
     * and quotes its beginning only: {@code null} passes, for the caller to report as missing.
     */
    static String capped(String value, int max, String member) {
        if (value != null && value.length() > max) {
            throw McpException.invalidParams("Invalid params: " + member + " is " + value.length()
                    + " characters long, more than the limit of " + max + " (it begins \""
                    + LogText.of(value.substring(0, Math.min(32, max))) + "\u2026\")");
        }
        return value;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
