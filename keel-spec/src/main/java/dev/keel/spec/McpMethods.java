package dev.keel.spec;

/** The names of MCP methods and notifications, as they appear on the wire. */
public final class McpMethods {

    private McpMethods() {
    }

    /** Modern: describe the server. */
    public static final String SERVER_DISCOVER = "server/discover";
    /** Legacy: open a session. */
    public static final String INITIALIZE = "initialize";
    /** Legacy: liveness check, answered with an empty result. */
    public static final String PING = "ping";
    public static final String TOOLS_LIST = "tools/list";
    public static final String TOOLS_CALL = "tools/call";
    public static final String RESOURCES_LIST = "resources/list";
    public static final String RESOURCES_TEMPLATES_LIST = "resources/templates/list";
    public static final String RESOURCES_READ = "resources/read";
    /** Legacy only. */
    public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";
    /** Legacy only. */
    public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";
    public static final String PROMPTS_LIST = "prompts/list";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String COMPLETION_COMPLETE = "completion/complete";
    /** Legacy only: the session's minimum log level. */
    public static final String LOGGING_SET_LEVEL = "logging/setLevel";
    /** Modern only: a long-lived stream of change notifications. */
    public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";

    /** Server to client (legacy), or an input request (modern). */
    public static final String ELICITATION_CREATE = "elicitation/create";
    /** Server to client (legacy), or an input request (modern). */
    public static final String SAMPLING_CREATE_MESSAGE = "sampling/createMessage";
    /** Server to client (legacy), or an input request (modern). */
    public static final String ROOTS_LIST = "roots/list";

    public static final String NOTIFICATIONS_INITIALIZED = "notifications/initialized";
    public static final String NOTIFICATIONS_CANCELLED = "notifications/cancelled";
    public static final String NOTIFICATIONS_PROGRESS = "notifications/progress";
    public static final String NOTIFICATIONS_MESSAGE = "notifications/message";
    public static final String NOTIFICATIONS_TOOLS_LIST_CHANGED = "notifications/tools/list_changed";
    public static final String NOTIFICATIONS_PROMPTS_LIST_CHANGED = "notifications/prompts/list_changed";
    public static final String NOTIFICATIONS_RESOURCES_LIST_CHANGED = "notifications/resources/list_changed";
    public static final String NOTIFICATIONS_RESOURCES_UPDATED = "notifications/resources/updated";
    public static final String NOTIFICATIONS_ROOTS_LIST_CHANGED = "notifications/roots/list_changed";
    public static final String NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    public static final String NOTIFICATIONS_ELICITATION_COMPLETE = "notifications/elicitation/complete";
}
