package dev.keel.annotations.scan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import dev.keel.core.McpException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Values from text, for the arguments that arrive as text (a resource template's variables, a prompt's
 * arguments): strings as they are, numbers and booleans as JSON reads them, anything else as Jackson reads the
 * type from a JSON string (enums by name or {@code @JsonProperty}, {@code UUID}, {@code LocalDate}, …).
 */
final class TextValues {

    private TextValues() {
    }

    /** Why {@code type} cannot be read from text, or {@code null} if it can. */
    static String unsupported(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw.isArray() || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                || raw.isRecord() || raw == Object.class) {
            return "its value arrives as text, which cannot become a " + type.toCanonical()
                    + "; take a String, a number, a boolean or an enum";
        }
        return null;
    }

    /**
     * {@code text} as a {@code type}.
     *
     * @throws McpException invalid params, naming the value and the type, if it is not one
     */
    static Object convert(String text, JavaType type, JsonMapper mapper) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == CharSequence.class) {
            return text;
        }
        try {
            if (numberOrBoolean(raw)) {
                return mapper.readValue(text, type);
            }
            if ((raw == char.class || raw == Character.class) && text.length() == 1) {
                return text.charAt(0);
            }
            return mapper.treeToValue(StringNode.valueOf(text), type);
        } catch (JacksonException e) {
            throw McpException.invalidParams("'" + text + "' is not a " + readable(raw));
        }
    }

    private static boolean numberOrBoolean(Class<?> raw) {
        return raw.isPrimitive() && raw != char.class || Number.class.isAssignableFrom(raw) || raw == Boolean.class
                || raw == BigDecimal.class || raw == BigInteger.class;
    }

    private static String readable(Class<?> raw) {
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class
                || raw == Short.class || raw == byte.class || raw == Byte.class || raw == BigInteger.class) {
            return "whole number";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean (true or false)";
        }
        if (raw.isEnum()) {
            return "value of " + raw.getSimpleName();
        }
        return raw.getSimpleName();
    }
}
