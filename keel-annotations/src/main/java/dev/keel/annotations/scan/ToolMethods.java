package dev.keel.annotations.scan;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keel.annotations.Tool;
import dev.keel.core.McpServer;
import dev.keel.core.spi.SchemaSupport;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ContentBlock;
import dev.keel.spec.ToolAnnotations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Turns a {@link Tool} method into a core tool: schemas from its types, arguments bound by name. */
final class ToolMethods {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private ToolMethods() {
    }

    /** The registration of {@code method} as a tool; {@code null} if something is wrong (in {@code problems}). */
    static Registration of(Object target, Method method, Tool declared, McpServer server, SchemaSupport schemas,
            Problems problems) {
        JsonMapper mapper = server.codec().mapper();
        Parameters parameters = Parameters.of(method, Parameters.Kind.TOOL, mapper, problems);
        BiFunction<Object, JsonMapper, CallToolResult> result = result(method, problems);
        Duration timeout = timeout(method, declared.timeout(), problems);
        if (parameters == null || result == null || timeout == null && !declared.timeout().isEmpty()) {
            return null;
        }
        String name = declared.name().isEmpty() ? method.getName() : declared.name();
        dev.keel.core.Tool<Object[], CallToolResult> tool;
        try {
            dev.keel.core.Tool.Builder<Object[], CallToolResult> builder = dev.keel.core.Tool.builder(name)
                    .input(inputSchema(parameters, schemas), (arguments, json) -> bind(parameters, arguments, json));
            if (!declared.title().isEmpty()) {
                builder.title(declared.title());
            }
            if (!declared.description().isEmpty()) {
                builder.description(declared.description());
            }
            ToolAnnotations hints = hints(declared);
            if (hints != null) {
                builder.annotations(hints);
            }
            JsonNode outputSchema = outputSchema(method, schemas);
            if (outputSchema != null) {
                builder.outputSchema(outputSchema);
            }
            if (timeout != null) {
                builder.timeout(timeout);
            }
            if (declared.nonBlocking()) {
                builder.nonBlocking();
            }
            tool = builder.build();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            problems.add(method, e.getMessage());
            return null;
        }
        Invoker invoker = Invoker.of(target, method, problems);
        if (invoker == null) {
            return null;
        }
        return new Registration(method, "tool " + name, () -> server.addTool(tool, call -> {
            Object[] arguments = call.arguments();
            for (Slot.CallObject callObject : parameters.callObjects) {
                arguments[callObject.index()] = callObject.from(call);
            }
            return result.apply(invoker.invoke(arguments), mapper);
        }), () -> server.removeTool(name));
    }

    private static Object[] bind(Parameters parameters, JsonNode arguments, JsonMapper mapper) {
        Object[] bound = new Object[parameters.slots.size()];
        for (Slot.Argument argument : parameters.arguments) {
            bound[argument.index()] = argument.bind(arguments.get(argument.name()), mapper);
        }
        return bound;
    }

    /** The object schema of the arguments: each parameter's type, its description, and its default. */
    private static JsonNode inputSchema(Parameters parameters, SchemaSupport schemas) {
        List<SchemaSupport.Property> properties = new ArrayList<>();
        for (Slot.Argument argument : parameters.arguments) {
            properties.add(new SchemaSupport.Property(argument.name(), argument.type(), argument.description(),
                    argument.required()));
        }
        ObjectNode schema = schemas.generateObject(properties);
        for (Slot.Argument argument : parameters.arguments) {
            if (argument.defaultJson() != null) {
                ((ObjectNode) schema.get("properties").get(argument.name())).set("default", argument.defaultJson());
            }
        }
        return schema;
    }

    /** The output schema: none for results that are content, the return type's for everything else. */
    private static JsonNode outputSchema(Method method, SchemaSupport schemas) {
        return structured(method.getReturnType()) ? schemas.generate(method.getGenericReturnType()) : null;
    }

    private static boolean structured(Class<?> returned) {
        return !(returned == void.class || returned == Void.class || returned == CallToolResult.class
                || CharSequence.class.isAssignableFrom(returned) || ContentBlock.class.isAssignableFrom(returned));
    }

    /** How a returned value becomes the result; {@code null} if the return type cannot be one. */
    private static BiFunction<Object, JsonMapper, CallToolResult> result(Method method, Problems problems) {
        Class<?> returned = method.getReturnType();
        String vague = Parameters.vague(method.getGenericReturnType());
        if (vague != null) {
            problems.add(method, "the return type: " + vague.replace("its type", "the type"));
            return null;
        }
        if (returned == Optional.class) {
            problems.add(method, "returns an Optional: return the value, or throw a ToolError the model reads");
            return null;
        }
        if (returned == void.class || returned == Void.class) {
            return (value, mapper) -> CallToolResult.of();
        }
        if (returned == CallToolResult.class) {
            return (value, mapper) -> (CallToolResult) value;
        }
        if (CharSequence.class.isAssignableFrom(returned)) {
            return (value, mapper) -> CallToolResult.text(value.toString());
        }
        if (ContentBlock.class.isAssignableFrom(returned)) {
            return (value, mapper) -> CallToolResult.of((ContentBlock) value);
        }
        return (value, mapper) -> CallToolResult.structured(mapper.valueToTree(value));
    }

    /** Only the hints that differ from what the specification assumes of a tool that says nothing. */
    private static ToolAnnotations hints(Tool declared) {
        if (!declared.readOnly() && declared.destructive() && !declared.idempotent() && declared.openWorld()) {
            return null;
        }
        return new ToolAnnotations(null, declared.readOnly() ? Boolean.TRUE : null,
                declared.destructive() ? null : Boolean.FALSE, declared.idempotent() ? Boolean.TRUE : null,
                declared.openWorld() ? null : Boolean.FALSE);
    }

    /** {@code PT30S} or {@code 30s}; {@code null} if empty or wrong (in {@code problems}). */
    static Duration timeout(Method method, String text, Problems problems) {
        if (text.isEmpty()) {
            return null;
        }
        Duration duration = null;
        Matcher shortForm = SHORT_DURATION.matcher(text.strip());
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                duration = switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } else {
                duration = Duration.parse(text.strip());
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            duration = null;
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            problems.add(method, "timeout '" + text + "' is not a positive duration such as PT30S or 30s");
            return null;
        }
        return duration;
    }
}
