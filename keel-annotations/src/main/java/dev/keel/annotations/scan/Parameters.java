package dev.keel.annotations.scan;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.keel.annotations.Arg;
import dev.keel.core.CallContext;
import dev.keel.core.McpException;
import dev.keel.core.PromptCall;
import dev.keel.core.RequestContext;
import dev.keel.core.ResourceCall;
import dev.keel.core.ToolCall;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/** The parameters of a declared method, read once: which receive the call and which the arguments, by name. */
final class Parameters {

    /** What a method is declared as, which decides what its parameters may be. */
    enum Kind {
        /** Arguments are JSON, bound by Jackson; the call is a {@link ToolCall}. */
        TOOL("tool", ToolCall.class),
        /** Arguments are a template's variables, as text; the call is a {@link ResourceCall}. */
        RESOURCE("resource", ResourceCall.class),
        /** Arguments are text; the call is a {@link PromptCall}. */
        PROMPT("prompt", PromptCall.class);

        final String noun;
        final Class<?> call;

        Kind(String noun, Class<?> call) {
            this.noun = noun;
            this.call = call;
        }
    }

    /** The types a parameter receiving the call may have, of any kind. */
    private static final Set<Class<?>> CALL_TYPES = Set.of(ToolCall.class, ResourceCall.class, PromptCall.class,
            RequestContext.class, CallContext.class);

    final List<Slot> slots;
    final List<Slot.Argument> arguments;
    final List<Slot.CallObject> callObjects;

    private Parameters(List<Slot> slots) {
        this.slots = slots;
        this.arguments = slots.stream().filter(Slot.Argument.class::isInstance).map(Slot.Argument.class::cast).toList();
        this.callObjects = slots.stream().filter(Slot.CallObject.class::isInstance).map(Slot.CallObject.class::cast)
                .toList();
    }

    /** The method's parameters as {@code kind} takes them; {@code null} if something is wrong (in {@code problems}). */
    static Parameters of(Method method, Kind kind, JsonMapper mapper, Problems problems) {
        List<Slot> slots = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean ok = true;
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            String where = "parameter " + (i + 1) + " (" + parameter.getType().getSimpleName()
                    + (parameter.isNamePresent() ? " " + parameter.getName() : "") + ")";
            Arg arg = parameter.getAnnotation(Arg.class);
            if (CALL_TYPES.contains(parameter.getType())) {
                if (!parameter.getType().isAssignableFrom(kind.call) && parameter.getType() != CallContext.class) {
                    problems.add(method, where + ": a " + kind.noun + " receives a " + kind.call.getSimpleName()
                            + ", not a " + parameter.getType().getSimpleName());
                    ok = false;
                } else if (arg != null) {
                    problems.add(method, where + ": receives the call, so it takes no @Arg");
                    ok = false;
                }
                slots.add(new Slot.CallObject(i, parameter.getType()));
                continue;
            }
            Slot.Argument argument = argument(method, i, parameter, arg, kind, mapper, where, problems);
            if (argument == null) {
                ok = false;
                continue;
            }
            if (!names.add(argument.name())) {
                problems.add(method, where + ": another parameter is named " + argument.name() + " too");
                ok = false;
            }
            slots.add(argument);
        }
        return ok ? new Parameters(List.copyOf(slots)) : null;
    }

    private static Slot.Argument argument(Method method, int index, Parameter parameter, Arg arg, Kind kind,
            JsonMapper mapper, String where, Problems problems) {
        String name;
        if (arg != null && !arg.name().isEmpty()) {
            name = arg.name();
        } else if (parameter.isNamePresent()) {
            name = parameter.getName();
        } else {
            problems.add(method, where + ": its name is not in the class file; compile with -parameters, or name it"
                    + " with @Arg(name = \"...\")");
            return null;
        }
        Type type = parameter.getParameterizedType();
        String vague = vague(type);
        if (vague != null) {
            problems.add(method, where + ": " + vague);
            return null;
        }
        boolean optional = parameter.getType() == Optional.class;
        Type valueType = optional ? ((ParameterizedType) type).getActualTypeArguments()[0] : type;
        JavaType javaType = mapper.constructType(valueType);
        boolean hasDefault = arg != null && !Arg.NO_DEFAULT.equals(arg.defaultValue());
        if (optional && hasDefault) {
            problems.add(method, where + ": an Optional has no use for a defaultValue; take the value itself");
            return null;
        }
        boolean required = !optional && !hasDefault && (arg == null || arg.required());
        if (!required && !hasDefault && !optional && parameter.getType().isPrimitive()) {
            String box = boxOf(parameter.getType());
            problems.add(method, where + ": a primitive " + parameter.getType() + " cannot be absent; give it a"
                    + " defaultValue, or take Optional<" + box + "> or " + box);
            return null;
        }
        if (kind != Kind.TOOL) {
            String unsupported = TextValues.unsupported(javaType);
            if (unsupported != null) {
                problems.add(method, where + ": " + unsupported);
                return null;
            }
        }
        JsonNode defaultJson = null;
        String defaultText = null;
        if (hasDefault) {
            String text = arg.defaultValue();
            try {
                if (kind == Kind.TOOL) {
                    defaultJson = isText(javaType) ? StringNode.valueOf(text) : mapper.readTree(text);
                    mapper.treeToValue(defaultJson, javaType);
                } else {
                    defaultText = text;
                    TextValues.convert(text, javaType, mapper);
                }
            } catch (JacksonException | McpException e) {
                problems.add(method, where + ": its defaultValue '" + text + "' does not read as "
                        + javaType.toCanonical() + (kind == Kind.TOOL && !isText(javaType) ? " (it is read as JSON)" : ""));
                return null;
            }
        }
        String description = arg == null || arg.description().isBlank() ? null : arg.description();
        return new Slot.Argument(index, name, type, javaType, optional, required, defaultJson, defaultText, description);
    }

    private static String boxOf(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType().getSimpleName();
    }

    private static boolean isText(JavaType type) {
        return type.getRawClass() == String.class || type.getRawClass() == CharSequence.class;
    }

    /** Why {@code type} says too little to bind an argument to, or {@code null} if it is concrete. */
    static String vague(Type type) {
        if (type instanceof TypeVariable<?> variable) {
            return "its type " + variable.getName() + " is a type variable; give it a concrete type";
        }
        if (type instanceof WildcardType) {
            return "its type has a wildcard (" + type.getTypeName() + "); give it a concrete type";
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (vague(argument) != null) {
                    return "its type " + type.getTypeName() + " is not concrete; give it a concrete type";
                }
            }
        }
        if (type instanceof GenericArrayType array) {
            return vague(array.getGenericComponentType());
        }
        return null;
    }

    /** The arguments, each from {@code call}'s text values, and the call object, in the method's order. */
    Object[] fromText(RequestContext call, java.util.Map<String, String> values, JsonMapper mapper, String what) {
        Object[] bound = new Object[slots.size()];
        for (Slot.CallObject callObject : callObjects) {
            bound[callObject.index()] = callObject.from(call);
        }
        for (Slot.Argument argument : arguments) {
            try {
                bound[argument.index()] = argument.convert(values.get(argument.name()), mapper);
            } catch (McpException e) {
                throw McpException.invalidParams("Invalid argument " + argument.name() + " of " + what + ": "
                        + e.getMessage());
            }
        }
        return bound;
    }
}
