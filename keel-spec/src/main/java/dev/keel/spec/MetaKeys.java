package dev.keel.spec;

/** Reserved {@code _meta} keys (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/index">base protocol, _meta</a>). */
public final class MetaKeys {

    private MetaKeys() {
    }

    public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    public static final String PROGRESS_TOKEN = "progressToken";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String BAGGAGE = "baggage";

    private static final String LABEL = "[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
            "(?:" + LABEL + "(?:\\." + LABEL + ")*/)?(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)?");

    /**
     * Whether {@code key} has the syntax of a {@code _meta} key: an optional prefix of dot-separated
     * labels and a slash, then a name (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/index">_meta</a>).
     */
    public static boolean isValid(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /**
     * Checks every key of {@code meta} (which may be {@code null}).
     *
     * @throws IllegalArgumentException naming the first malformed key
     */
    public static void requireValid(java.util.Map<String, ?> meta) {
        if (meta != null) {
            for (String key : meta.keySet()) {
                if (!isValid(key)) {
                    throw new IllegalArgumentException("'" + key + "' is not a valid _meta key: use an optional"
                            + " reverse-DNS prefix and a slash, then letters, digits, '-', '_' or '.'");
                }
            }
        }
    }
}
