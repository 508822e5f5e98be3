package dev.keel.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.spec.CreateMessageRequest;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequest;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.InputRequest;
import dev.keel.spec.InputResponse;
import dev.keel.spec.ListRootsRequest;
import dev.keel.spec.ListRootsResult;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.Root;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a handler is given: its view of the request ({@link ToolCall}, {@link ResourceCall},
 * {@link PromptCall}, {@link CompletionCall}), which reaches the request's connection through the
 * request's own {@link RequestScope}.
 */
final class HandlerViews {

    private HandlerViews() {
    }

    /** What every handler may do: report progress, log, ask the client, keep state. */
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
            RequestScope scope = context.scope;
            return scope != null && scope.inFlight.cancelled();
        }

        @Override
        public ElicitResult elicit(ElicitRequestParams request) throws InterruptedException {
            return ClientQuestions.ask(context, null, new ElicitRequest(request), ElicitResult.class);
        }

        @Override
        public <T> Elicitation<T> elicit(String message, Class<T> type) throws InterruptedException {
            RequestScope.Services services = context.scope.services;
            SchemaSupport schemas = services.schemas();
            if (schemas == null) {
                throw new IllegalStateException("a typed elicitation needs keel-schema on the class path");
            }
            ElicitRequestFormParams.RequestedSchema schema;
            try {
                schema = services.mapper().treeToValue(schemas.generate(type), ElicitRequestFormParams.RequestedSchema.class);
            } catch (JacksonException e) {
                throw new IllegalArgumentException(type.getName() + " cannot be asked for with a form: its fields must be"
                        + " strings, numbers, booleans or enums", e);
            }
            ElicitResult result = elicit(message, schema);
            T value = result.action() == ElicitResult.Action.ACCEPT && result.content() != null
                    ? services.mapper().convertValue(result.content(), type) : null;
            return new Elicitation<>(result.action(), value);
        }

        @Override
        public CreateMessageResult sample(CreateMessageRequestParams request) throws InterruptedException {
            return ClientQuestions.ask(context, null, new CreateMessageRequest(request), CreateMessageResult.class);
        }

        @Override
        public List<Root> roots() throws InterruptedException {
            return ClientQuestions.ask(context, null, ListRootsRequest.instance(), ListRootsResult.class).roots();
        }

        @Override
        public Map<String, InputResponse> ask(Map<String, InputRequest> questions) throws InterruptedException {
            return ClientQuestions.askAll(context, questions);
        }

        @Override
        public State state() {
            LegacySession session = context.isModern() ? null : context.scope.session();
            return new StoreState(context.scope.services.stores(), session == null ? null : session.id);
        }

        @Override
        public Optional<Instant> deadline() {
            RequestScope scope = context.scope;
            return scope == null ? Optional.empty() : Optional.ofNullable(scope.inFlight.deadline());
        }

        @Override
        public void log(LoggingLevel level, String logger, Object data) {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(data, "data");
            RequestScope scope = context.scope;
            if (scope == null) {
                return;
            }
            LoggingLevel minimum = context.isModern() ? context.logLevel()
                    : scope.session() == null ? null : scope.session().logLevel();
            if (minimum != null && level.compareTo(minimum) >= 0) {
                scope.log(level, logger, data);
            }
        }

        @Override
        public void progress(double progress, Double total, String message) {
            RequestScope scope = context.scope;
            if (context.progressToken() != null && scope != null) {
                scope.progress(context.progressToken(), progress, total, message);
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
