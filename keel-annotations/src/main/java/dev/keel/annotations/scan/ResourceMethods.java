package dev.keel.annotations.scan;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keel.annotations.Resource;
import dev.keel.core.McpServer;
import dev.keel.core.ResourceCall;
import dev.keel.core.ResourceHandler;
import dev.keel.spec.BlobResourceContents;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.ResourceContents;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.TextResourceContents;
import tools.jackson.databind.json.JsonMapper;

/** Turns a {@link Resource} method into a core resource, or a resource template whose variables are its parameters. */
final class ResourceMethods {

    /**
     * A template expression: {@code {var}}, {@code {+var}}, {@code {?a,b}}; the grammar core's template matcher
     * reads, so that both agree on what a variable is.
     */
    private static final Pattern EXPRESSION = Pattern.compile("\\{[+?]?([A-Za-z0-9_.,]+)}");

    private ResourceMethods() {
    }

    /** The registration of {@code method}; {@code null} if something is wrong (in {@code problems}). */
    static Registration of(Object target, Method method, Resource declared, McpServer server, Problems problems) {
        JsonMapper mapper = server.codec().mapper();
        Parameters parameters = Parameters.of(method, Parameters.Kind.RESOURCE, mapper, problems);
        Class<?> returned = method.getReturnType();
        if (returned == void.class || returned == Void.class) {
            problems.add(method, "a resource returns what it reads: a String, a byte[], a ReadResourceResult,"
                    + " ResourceContents, or a value to write as JSON");
            return null;
        }
        if (parameters == null) {
            return null;
        }
        String uri = declared.uri();
        Set<String> variables = variables(uri);
        boolean template = uri.indexOf('{') >= 0;
        boolean ok = true;
        for (Slot.Argument argument : parameters.arguments) {
            if (!variables.contains(argument.name())) {
                problems.add(method, "parameter " + argument.name() + " is no variable of "
                        + (template ? "the URI template " + uri + " (it has " + String.join(", ", variables) + ")"
                                : "the resource's URI, which has none: a plain resource takes no arguments"));
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        String name = declared.name().isEmpty() ? method.getName() : declared.name();
        String mimeType = declared.mimeType().isEmpty() ? defaultMimeType(returned) : declared.mimeType();
        String title = declared.title().isEmpty() ? null : declared.title();
        String description = declared.description().isEmpty() ? null : declared.description();
        String what = (template ? "resource template " : "resource ") + uri;
        Invoker invoker = Invoker.of(target, method, problems);
        if (invoker == null) {
            return null;
        }
        BiFunction<Object, ResourceCall, ReadResourceResult> result = result(returned, mimeType, mapper);
        ResourceHandler handler = call -> result.apply(invoker.invoke(parameters.fromText(call, call.variables(), mapper,
                what)), call);
        if (template) {
            ResourceTemplate descriptor = new ResourceTemplate(uri, name, title, description, mimeType, null, null, null);
            return new Registration(method, what, () -> server.addResourceTemplate(descriptor, handler),
                    () -> server.removeResourceTemplate(uri));
        }
        dev.keel.spec.Resource descriptor = new dev.keel.spec.Resource(uri, name, title, description, mimeType, null,
                null, null, null);
        return new Registration(method, what, () -> server.addResource(descriptor, handler),
                () -> server.removeResource(uri));
    }

    /** The variables of a URI template, in order. */
    static Set<String> variables(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher expression = EXPRESSION.matcher(template);
        while (expression.find()) {
            for (String name : expression.group(1).split(",")) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** What a method returning {@code returned} serves, unless the declaration says. */
    private static String defaultMimeType(Class<?> returned) {
        if (CharSequence.class.isAssignableFrom(returned)) {
            return "text/plain";
        }
        if (returned == byte[].class) {
            return "application/octet-stream";
        }
        if (returned == ReadResourceResult.class || ResourceContents.class.isAssignableFrom(returned)) {
            return null;
        }
        return "application/json";
    }

    private static BiFunction<Object, ResourceCall, ReadResourceResult> result(Class<?> returned, String mimeType,
            JsonMapper mapper) {
        if (returned == ReadResourceResult.class) {
            return (value, call) -> (ReadResourceResult) value;
        }
        if (ResourceContents.class.isAssignableFrom(returned)) {
            return (value, call) -> ReadResourceResult.of((ResourceContents) value);
        }
        if (CharSequence.class.isAssignableFrom(returned)) {
            return (value, call) -> ReadResourceResult.of(TextResourceContents.of(call.uri(), mimeType,
                    value.toString()));
        }
        if (returned == byte[].class) {
            return (value, call) -> ReadResourceResult.of(BlobResourceContents.of(call.uri(), mimeType,
                    (byte[]) value));
        }
        return (value, call) -> ReadResourceResult.of(TextResourceContents.of(call.uri(), mimeType,
                mapper.writeValueAsString(value)));
    }
}
