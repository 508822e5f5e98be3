package dev.keel.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.schema.JsonSchemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validating a call's arguments against its tool's input schema. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidationBenchmark {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final SchemaSupport.Validator validator = new JsonSchemas().compile(mapper.readTree("""
            {"type":"object","properties":{"city":{"type":"string","minLength":1},
             "days":{"type":"integer","minimum":0,"maximum":7},"units":{"enum":["metric","imperial"]}},
             "required":["city"],"additionalProperties":false}"""));
    private final JsonNode valid = mapper.readTree("{\"city\":\"Lisbon\",\"days\":3,\"units\":\"metric\"}");
    private final JsonNode invalid = mapper.readTree("{\"days\":9,\"extra\":true}");

    @Benchmark
    public List<SchemaSupport.Violation> validArguments() {
        return validator.validate(valid);
    }

    @Benchmark
    public List<SchemaSupport.Violation> invalidArguments() {
        return validator.validate(invalid);
    }
}
