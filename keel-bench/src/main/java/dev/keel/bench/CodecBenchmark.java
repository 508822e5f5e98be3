package dev.keel.bench;

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

import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolRequestParams;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.ObjectWriter;

/** Reading a {@code tools/call} request (decode and bind its params) and writing its result. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private final JsonRpcCodec codec = JsonRpcCodec.create();
    private final byte[] request = Fixtures.echoCall(42, "hello, keel");
    private final ObjectWriter writer = codec.writer(ProtocolVersion.V2026_07_28.view());
    private final Response response = Response.success(RequestId.of(42), CallToolResult.text("hello, keel"));

    @Benchmark
    public CallToolRequestParams parseToolsCall() {
        Decoded decoded = codec.decode(request);
        Request parsed = (Request) ((Decoded.Message) decoded).message();
        return parsed.rawParams().bind(CallToolRequestParams.class);
    }

    @Benchmark
    public byte[] writeToolsCallResult() {
        return codec.encode(response, writer);
    }
}
