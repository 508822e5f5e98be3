package dev.keel.spec;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@code double} that holds a whole number as a JSON integer: {@code 50}, not {@code 50.0}.
 * MCP's {@code number} fields (progress, priorities, temperature) are read into {@code double}s;
 * with this serializer a value comes back out as it went in, and integers stay integers for
 * clients that compare them exactly. Other values, and whole numbers beyond ±2<sup>53</sup>, are
 * written as doubles.
 */
final class WholeNumberSerializer extends StdSerializer<Double> {

    private static final double EXACT = 0x1p53;

    WholeNumberSerializer() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializationContext context) {
        double d = value;
        if (d == Math.rint(d) && Math.abs(d) <= EXACT && !(d == 0 && 1 / d < 0)) {
            gen.writeNumber((long) d);
        } else {
            gen.writeNumber(d);
        }
    }
}
