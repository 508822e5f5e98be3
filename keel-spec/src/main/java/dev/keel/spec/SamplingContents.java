package dev.keel.spec;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The {@code content} of a sampling message or result: one block, or (2025-11-25 and later) an array
 * of blocks. Keel always exposes a list. A list of exactly one block is written as that block, the
 * only form revisions before 2025-11-25 accept; any other list is written as an array; and a list
 * read from JSON is written back in the form it was read, so {@code [block]} stays an array.
 */
final class SamplingContents {

    private SamplingContents() {
    }

    /** An immutable copy of {@code content}, keeping whether it was read as a JSON array. */
    static List<SamplingContent> copyOf(List<SamplingContent> content) {
        return content instanceof ReadAsArray ? content : List.copyOf(content);
    }

    /** Whether {@code content} is written as a JSON array. */
    static boolean writtenAsArray(List<SamplingContent> content) {
        return content instanceof ReadAsArray || content.size() != 1;
    }

    /** An immutable list that was a JSON array on the wire. */
    private static final class ReadAsArray extends AbstractList<SamplingContent> implements RandomAccess {
        private final List<SamplingContent> blocks;

        ReadAsArray(List<SamplingContent> blocks) {
            this.blocks = List.copyOf(blocks);
        }

        @Override
        public SamplingContent get(int index) {
            return blocks.get(index);
        }

        @Override
        public int size() {
            return blocks.size();
        }
    }

    /** Writes one block as an object and anything else as an array. */
    static final class Serializer extends StdSerializer<List<SamplingContent>> {

        @SuppressWarnings("unchecked")
        Serializer() {
            super((Class<List<SamplingContent>>) (Class<?>) List.class);
        }

        @Override
        public void serialize(List<SamplingContent> content, JsonGenerator gen, SerializationContext context) {
            if (!writtenAsArray(content)) {
                context.writeValue(gen, content.get(0));
                return;
            }
            gen.writeStartArray(content, content.size());
            for (SamplingContent block : content) {
                context.writeValue(gen, block);
            }
            gen.writeEndArray();
        }
    }

    /** Reads one block or an array of blocks, remembering which. */
    static final class Deserializer extends StdDeserializer<List<SamplingContent>> {

        Deserializer() {
            super(List.class);
        }

        @Override
        public List<SamplingContent> deserialize(JsonParser p, DeserializationContext context) {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                JavaType listType = context.getTypeFactory().constructCollectionType(List.class, SamplingContent.class);
                List<SamplingContent> blocks = context.readValue(p, listType);
                return new ReadAsArray(blocks);
            }
            return List.of(context.readValue(p, SamplingContent.class));
        }
    }
}
