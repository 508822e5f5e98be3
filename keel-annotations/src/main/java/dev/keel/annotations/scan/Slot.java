package dev.keel.annotations.scan;

import java.lang.reflect.Type;
import java.util.Optional;

import dev.keel.core.CallContext;
import dev.keel.core.McpException;
import dev.keel.core.RequestContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What one parameter of a declared method receives: the call, or one argument. */
sealed interface Slot {

    /** The parameter's position. */
    int index();

    /** The parameter receives the call object ({@code ToolCall}, {@code RequestContext}…) or its {@link CallContext}. */
    record CallObject(int index, Class<?> type) implements Slot {

        Object from(RequestContext call) {
            return type == CallContext.class ? call.context() : call;
        }
    }

    /**
     * The parameter receives the argument {@code name}.
     *
     * @param type the parameter's type as declared ({@code Optional<Integer>})
     * @param valueType the type of the value itself ({@code Integer})
     * @param optional whether the parameter is an {@code Optional}
     * @param required whether a call must give the argument
     * @param defaultJson the default value for a tool argument, as JSON; or {@code null}
     * @param defaultText the default value for a text argument (template variable, prompt argument); or {@code null}
     * @param description what it means, or {@code null}
     */
    record Argument(int index, String name, Type type, JavaType valueType, boolean optional, boolean required,
            JsonNode defaultJson, String defaultText, String description) implements Slot {

        /** The value of a tool argument ({@code null} when absent), bound with the server's mapper. */
        Object bind(JsonNode value, JsonMapper mapper) {
            if (value == null || value.isMissingNode()) {
                if (defaultJson != null) {
                    value = defaultJson;
                } else {
                    return optional ? Optional.empty() : null;
                }
            }
            if (value.isNull()) {
                return optional ? Optional.empty() : null;
            }
            Object bound = scalar(value);
            if (bound != null) {
                return optional ? Optional.of(bound) : bound;
            }
            try {
                bound = mapper.treeToValue(value, valueType);
            } catch (JacksonException e) {
                throw DatabindException.from((JsonParser) null, name + ": " + e.getOriginalMessage(), e);
            }
            return optional ? Optional.ofNullable(bound) : bound;
        }

        /**
         * The value of a string, boolean or whole-number node for a parameter of that very type, without Jackson's
         * binding machinery (a parser over the tree per argument); {@code null} for anything else. The result is
         * what Jackson would bind.
         */
        private Object scalar(JsonNode value) {
            Class<?> raw = valueType.getRawClass();
            if (raw == String.class) {
                return value.isString() ? value.stringValue() : null;
            }
            if (raw == int.class || raw == Integer.class) {
                return value.isInt() ? value.intValue() : null;
            }
            if (raw == long.class || raw == Long.class) {
                return value.isInt() || value.isLong() ? value.longValue() : null;
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return value.isBoolean() ? value.booleanValue() : null;
            }
            return null;
        }

        /**
         * The value of a text argument ({@code null} when absent and neither required nor an {@code Optional}).
         *
         * @throws McpException invalid params if the value is not of the type, or absent but required (a
         *     template's query variable, say)
         */
        Object convert(String text, JsonMapper mapper) {
            if (text == null) {
                if (defaultText != null) {
                    text = defaultText;
                } else if (optional) {
                    return Optional.empty();
                } else if (required) {
                    throw McpException.invalidParams("it is required but missing");
                } else {
                    return null;
                }
            }
            Object value = TextValues.convert(text, valueType, mapper);
            return optional ? Optional.of(value) : value;
        }
    }
}
