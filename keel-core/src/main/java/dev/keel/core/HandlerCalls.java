package dev.keel.core;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The handler-side views of a request. */
final class HandlerCalls {

    private HandlerCalls() {
    }

    /** What every handler may ask; reports progress through the request's channel. */
    static class Base implements RequestContext {
        final CallContext context;

        Base(CallContext context) {
            this.context = context;
        }

        @Override
        public CallContext context() {
            return context;
        }

        @Override
        public boolean cancelled() {
            InFlight f = context.inFlight;
            return f != null && f.cancelled();
        }

        @Override
        public dev.keel.spec.ElicitResult elicit(dev.keel.spec.ElicitRequestParams request) throws InterruptedException {
            return ClientRequests.ask(context, null, new dev.keel.spec.ElicitRequest(request),
                    dev.keel.spec.ElicitResult.class);
        }

        @Override
        public <T> Elicitation<T> elicit(String message, Class<T> type) throws InterruptedException {
            DefaultMcpServer server = context.channel.server();
            dev.keel.core.spi.SchemaSupport schemas = server.schemaSupport();
            if (schemas == null) {
                throw new IllegalStateException("a typed elicitation needs keel-schema on the class path");
            }
            dev.keel.spec.ElicitRequestFormParams.RequestedSchema schema;
            try {
                schema = server.mapper().treeToValue(schemas.generate(type),
                        dev.keel.spec.ElicitRequestFormParams.RequestedSchema.class);
            } catch (tools.jackson.core.JacksonException e) {
                throw new IllegalArgumentException(type.getName() + " cannot be asked for with a form: its fields must be"
                        + " strings, numbers, booleans or enums", e);
            }
            dev.keel.spec.ElicitResult result = elicit(message, schema);
            T value = result.action() == dev.keel.spec.ElicitResult.Action.ACCEPT && result.content() != null
                    ? server.mapper().convertValue(result.content(), type) : null;
            return new Elicitation<>(result.action(), value);
        }

        @Override
        public dev.keel.spec.CreateMessageResult sample(dev.keel.spec.CreateMessageRequestParams request)
                throws InterruptedException {
            return ClientRequests.ask(context, null, new dev.keel.spec.CreateMessageRequest(request),
                    dev.keel.spec.CreateMessageResult.class);
        }

        @Override
        public java.util.List<dev.keel.spec.Root> roots() throws InterruptedException {
            return ClientRequests.ask(context, null, dev.keel.spec.ListRootsRequest.instance(),
                    dev.keel.spec.ListRootsResult.class).roots();
        }

        @Override
        public java.util.Map<String, dev.keel.spec.InputResponse> ask(
                java.util.Map<String, dev.keel.spec.InputRequest> questions) throws InterruptedException {
            return ClientRequests.askAll(context, questions);
        }

        @Override
        public State state() {
            LegacySession session = context.isModern() ? null : context.channel.session();
            return new StoreState(context.channel.server().stores(), session == null ? null : session.id);
        }

        @Override
        public java.util.Optional<java.time.Instant> deadline() {
            InFlight f = context.inFlight;
            return f == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(f.deadline());
        }

        @Override
        public void log(dev.keel.spec.LoggingLevel level, String logger, Object data) {
            java.util.Objects.requireNonNull(level, "level");
            java.util.Objects.requireNonNull(data, "data");
            dev.keel.spec.LoggingLevel minimum = context.isModern() ? context.logLevel()
                    : context.channel == null || context.channel.session() == null ? null
                    : context.channel.session().logLevel();
            if (minimum != null && level.compareTo(minimum) >= 0 && context.inFlight != null) {
                context.channel.sendLog(context.inFlight, level, logger, data);
            }
        }

        @Override
        public void progress(double progress, Double total, String message) {
            if (context.progressToken() != null && context.channel != null && context.inFlight != null) {
                context.channel.sendProgress(context.inFlight, context.progressToken(), progress, total, message);
            }
        }
    }

    static final class ToolCallImpl<A> extends Base implements ToolCall<A> {
        private final String name;
        private final JsonNode raw;
        private final A arguments;

        ToolCallImpl(CallContext context, String name, JsonNode raw, A arguments) {
            super(context);
            this.name = name;
            this.raw = raw;
            this.arguments = arguments;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public A arguments() {
            return arguments;
        }

        @Override
        public JsonNode rawArguments() {
            return raw;
        }
    }

    static final class ResourceCallImpl extends Base implements ResourceCall {
        private final String uri;
        private final Map<String, String> variables;

        ResourceCallImpl(CallContext context, String uri, Map<String, String> variables) {
            super(context);
            this.uri = uri;
            this.variables = Map.copyOf(variables);
        }

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public Map<String, String> variables() {
            return variables;
        }
    }

    static final class CompletionCallImpl extends Base implements CompletionCall {
        private final String argument;
        private final String value;
        private final Map<String, String> resolved;

        CompletionCallImpl(CallContext context, String argument, String value, Map<String, String> resolved) {
            super(context);
            this.argument = argument;
            this.value = value;
            this.resolved = resolved;
        }

        @Override
        public String argument() {
            return argument;
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public Map<String, String> resolved() {
            return resolved;
        }
    }

    static final class PromptCallImpl extends Base implements PromptCall {
        private final String name;
        private final Map<String, String> arguments;

        PromptCallImpl(CallContext context, String name, Map<String, String> arguments) {
            super(context);
            this.name = name;
            this.arguments = arguments;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Map<String, String> arguments() {
            return arguments;
        }
    }
}
