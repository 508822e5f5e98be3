package dev.keel.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.keel.core.McpServer;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.MessageSink;

/**
 * One {@code tools/call} of echo through the whole engine in memory (decode, middleware chain,
 * dispatcher, handler, encode): handed to a virtual thread as {@code Channel.receive} does, or served
 * on the caller's thread as {@code Channel.serve} does for a request that cannot block; and 100 of
 * them in parallel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {

    private McpServer server;
    private Channel channel;
    private McpServer annotatedServer;
    private Channel annotatedChannel;
    private final AtomicLong ids = new AtomicLong();
    private byte[][] hundred;

    @Setup(Level.Trial)
    public void start() {
        server = Fixtures.echoServer();
        channel = server.connector().open(message -> { }, Map.of());
        annotatedServer = Fixtures.annotatedEchoServer();
        annotatedChannel = annotatedServer.connector().open(message -> { }, Map.of());
        hundred = new byte[100][];
    }

    @TearDown(Level.Trial)
    public void stop() {
        channel.close();
        server.close();
        annotatedChannel.close();
        annotatedServer.close();
    }

    /** A sink that completes when the answer comes. */
    private static final class Answer implements MessageSink {
        final CompletableFuture<byte[]> done = new CompletableFuture<>();

        @Override
        public void send(byte[] message) {
        }

        @Override
        public void answer(byte[] message, int errorCode, boolean refused) {
            done.complete(message);
        }
    }

    @Benchmark
    public byte[] oneToolsCall() {
        Answer answer = new Answer();
        channel.receive(Inbound.of(server.codec().decode(Fixtures.echoCall(ids.incrementAndGet(), "hello, keel")), answer));
        return answer.done.join();
    }

    /**
     * The same call served on the calling thread, as a transport serves a request that cannot block
     * (echo is declared non-blocking): the engine's own cost, without a thread hand-off.
     */
    @Benchmark
    public byte[] oneToolsCallOnTheCallersThread() {
        Answer answer = new Answer();
        channel.receive(new Inbound(server.codec().decode(Fixtures.echoCall(ids.incrementAndGet(), "hello, keel")), answer,
                null, Inbound.Threading.INLINE_IF_NON_BLOCKING));
        return answer.done.getNow(null);
    }

    /** The same call of an echo declared with {@code @Tool} on a method, on the calling thread. */
    @Benchmark
    public byte[] oneAnnotatedToolsCallOnTheCallersThread() {
        Answer answer = new Answer();
        annotatedChannel.receive(new Inbound(annotatedServer.codec().decode(Fixtures.echoCall(ids.incrementAndGet(),
                "hello, keel")), answer, null, Inbound.Threading.INLINE_IF_NON_BLOCKING));
        return answer.done.getNow(null);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void hundredToolsCallsInParallel() throws InterruptedException {
        CountDownLatch all = new CountDownLatch(100);
        MessageSink sink = new MessageSink() {
            @Override
            public void send(byte[] message) {
            }

            @Override
            public void answer(byte[] message, int errorCode, boolean refused) {
                all.countDown();
            }
        };
        for (int i = 0; i < 100; i++) {
            hundred[i] = Fixtures.echoCall(ids.incrementAndGet(), "hello, keel");
        }
        for (byte[] call : hundred) {
            channel.receive(Inbound.of(server.codec().decode(call), sink));
        }
        all.await();
    }
}
