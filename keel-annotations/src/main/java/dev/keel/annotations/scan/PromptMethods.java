package dev.keel.annotations.scan;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;

import dev.keel.annotations.Prompt;
import dev.keel.core.McpServer;
import dev.keel.core.PromptHandler;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.PromptMessage;
import tools.jackson.databind.json.JsonMapper;

/** Turns a {@link Prompt} method into a core prompt whose arguments are its parameters. */
final class PromptMethods {

    private PromptMethods() {
    }

    /** The registration of {@code method}; {@code null} if something is wrong (in {@code problems}). */
    static Registration of(Object target, Method method, Prompt declared, McpServer server, Problems problems) {
        JsonMapper mapper = server.codec().mapper();
        Parameters parameters = Parameters.of(method, Parameters.Kind.PROMPT, mapper, problems);
        String description = declared.description().isEmpty() ? null : declared.description();
        Function<Object, GetPromptResult> result = result(method, description, problems);
        if (parameters == null || result == null) {
            return null;
        }
        String name = declared.name().isEmpty() ? method.getName() : declared.name();
        List<PromptArgument> arguments = parameters.arguments.stream()
                .map(a -> new PromptArgument(a.name(), null, a.description(), a.required() ? Boolean.TRUE : null))
                .toList();
        Invoker invoker = Invoker.of(target, method, problems);
        if (invoker == null) {
            return null;
        }
        dev.keel.spec.Prompt descriptor = new dev.keel.spec.Prompt(name, declared.title().isEmpty() ? null
                : declared.title(), description, arguments.isEmpty() ? null : arguments, null, null);
        PromptHandler handler = call -> result.apply(invoker.invoke(parameters.fromText(call, call.arguments(), mapper,
                "prompt " + name)));
        return new Registration(method, "prompt " + name, () -> server.addPrompt(descriptor, handler),
                () -> server.removePrompt(name));
    }

    private static Function<Object, GetPromptResult> result(Method method, String description, Problems problems) {
        Class<?> returned = method.getReturnType();
        if (returned == GetPromptResult.class) {
            return value -> (GetPromptResult) value;
        }
        if (returned == PromptMessage.class) {
            return value -> new GetPromptResult(description, List.of((PromptMessage) value),
                    null);
        }
        if (CharSequence.class.isAssignableFrom(returned)) {
            return value -> GetPromptResult.of(description, PromptMessage.user(value.toString()));
        }
        if (returned == List.class && elementType(method.getGenericReturnType()) == PromptMessage.class) {
            return value -> {
                List<?> messages = (List<?>) value;
                return new GetPromptResult(description, messages.stream().map(PromptMessage.class::cast).toList(), null);
            };
        }
        problems.add(method, "a prompt returns a String, a PromptMessage, a List<PromptMessage> or a GetPromptResult,"
                + " not " + method.getGenericReturnType().getTypeName());
        return null;
    }

    private static Type elementType(Type type) {
        return type instanceof ParameterizedType list ? list.getActualTypeArguments()[0] : null;
    }
}
