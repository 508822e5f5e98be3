package dev.keel.transport.stdio;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import dev.keel.core.McpServer;
import dev.keel.core.TransportAttributes;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Connector;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.Transport;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcLimits;

/**
 * Serves one MCP connection over a pair of byte streams, by default the process's stdin and stdout.
 *
 * <p>Reading: one message per line, {@code \n}-terminated ({@code \r\n} accepted), blank lines
 * ignored. A line longer than {@link Builder#maxMessageBytes(int)} is skipped without being held in
 * memory and answered with an Invalid Request error; reading goes on. Each message is handed to the
 * engine, which runs requests concurrently, so answers may come out of order. A request that cannot
 * block (the engine answers it, or its tool is declared non-blocking) is served on the reading thread
 * itself, without a hand-off; the others run on virtual threads, so a slow tool never delays the rest.
 *
 * <p>Writing: every message is written whole, followed by {@code \n}, under a lock, so messages never
 * interleave. Output is buffered and flushed as soon as no other message is about to follow: after
 * the last line of what was read in one go has been served, and when no other writer is waiting. Nothing else is written to the output: serving the process's own stdout, the transport
 * points {@link System#out} at stderr, so a stray print cannot corrupt the protocol.
 *
 * <p>End: at end of input, running requests get {@link Builder#shutdownGrace(Duration)} to finish,
 * the rest are cancelled, the output is flushed and closed, and {@link #run} returns 0. An input given
 * to {@link Builder#input(InputStream)} is closed once reading it ends; the process's stdin is left open.
 */
public final class StdioTransport implements Transport {

    private static final System.Logger LOG = System.getLogger("dev.keel.transport.stdio");
    private static final int READ_CHUNK = 64 * 1024;

    private final InputStream in;
    private final boolean processStdin;
    private final LineSink out;
    private final boolean processStdout;
    private final int configuredMax;
    private int maxMessageBytes;
    private final Duration shutdownGrace;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Channel channel;
    private volatile JsonRpcCodec codec;
    private volatile Thread reader;
    private volatile boolean stopping;

    private StdioTransport(Builder builder) {
        this.in = builder.in;
        this.processStdin = builder.processStdin;
        this.out = new LineSink(builder.out);
        this.processStdout = builder.processStdout;
        this.configuredMax = builder.maxMessageBytes;
        this.shutdownGrace = builder.shutdownGrace;
    }

    /** A transport over this process's stdin and stdout, with default limits. */
    public static StdioTransport create() {
        return builder().build();
    }

    /** Configures a transport. */
    public static Builder builder() {
        return new Builder();
    }

    /** Serves {@code server} until the input ends, then drains and returns the exit code: 0. */
    public int run(McpServer server) {
        start(server);
        awaitStopped();
        return 0;
    }

    @Override
    public void start(McpServer server) {
        if (channel != null) {
            throw new IllegalStateException("the stdio transport serves one server once");
        }
        Connector connector = server.connector();
        maxMessageBytes = configuredMax > 0 ? configuredMax : connector.codec().limits().maxMessageBytes();
        if (processStdout && System.out != System.err) {
            // stdout is MCP's alone: a stray System.out.println anywhere in the process must not corrupt it
            System.setOut(System.err);
            LOG.log(System.Logger.Level.DEBUG, "System.out now writes to stderr; stdout carries MCP messages only");
        }
        codec = connector.codec();
        channel = connector.open(out, Map.of(TransportAttributes.TRANSPORT, "stdio"));
        reader = Thread.ofPlatform().name("keel-stdio-reader").daemon(true).start(this::readLoop);
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop(Duration grace) {
        stopping = true;
        Thread r = reader;
        if (r != null) {
            r.interrupt();
        }
        drain(grace);
    }

    /** Answers a line skipped unread because it was {@code size} bytes long, more than the limit. */
    private void tooLarge(long size) {
        channel.receive(Inbound.of(JsonRpcCodec.tooLarge(size, maxMessageBytes), out));
    }

    private void readLoop() {
        try {
            readLines();
        } catch (IOException e) {
            if (!stopping) {
                LOG.log(System.Logger.Level.WARNING, "Reading stdin failed: {0}", e.getMessage());
            }
        } finally {
            if (!processStdin) {
                closeInput();
            }
            drain(shutdownGrace);
        }
    }

    /** Closes an input the builder was given, whose descriptor would otherwise stay open until collected. */
    private void closeInput() {
        try {
            in.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the input failed: {0}", e.getMessage());
        }
    }

    /** Splits the input into lines, handing each complete one to the channel. */
    private void readLines() throws IOException {
        byte[] chunk = new byte[READ_CHUNK];
        int n;
        while (!stopping && (n = in.read(chunk)) != -1) {
            // the answers to what arrived in one go leave together, once it has all been served
            out.hold();
            try {
                lines(chunk, n);
            } finally {
                out.release();
            }
        }
        if (oversize >= 0) {
            tooLarge(oversize);
        } else if (length > 0) {
            deliver(line, length);
        }
    }

    /** The line being read, which may span chunks; touched by the reading thread only. */
    private byte[] line = new byte[1024];
    private int length;
    /** How long the line being skipped is so far, or -1 while none is. */
    private long oversize = -1;

    /** Delivers the lines that end in {@code chunk[0, n)}, and keeps the start of the one that does not. */
    private void lines(byte[] chunk, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (chunk[i] != '\n') {
                continue;
            }
            int part = i - start;
            if (oversize >= 0) {
                tooLarge(oversize + part);
                oversize = -1;
            } else if (length + part > maxMessageBytes + 1) {
                tooLarge((long) length + part);
            } else {
                line = append(line, length, chunk, start, part);
                deliver(line, length + part);
                if (line.length > READ_CHUNK) {
                    line = new byte[1024];
                }
            }
            length = 0;
            start = i + 1;
        }
        int rest = n - start;
        if (oversize >= 0) {
            oversize += rest;
        } else if (length + rest > maxMessageBytes + 1) {
            oversize = (long) length + rest;
            length = 0;
            line = new byte[1024];
        } else if (rest > 0) {
            line = append(line, length, chunk, start, rest);
            length += rest;
        }
    }

    private static byte[] append(byte[] line, int length, byte[] chunk, int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(chunk, from, line, length, count);
        return line;
    }

    private void deliver(byte[] line, int length) {
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        int begin = 0;
        while (begin < end && isBlank(line[begin])) {
            begin++;
        }
        if (begin == end) {
            return;
        }
        if (end - begin > maxMessageBytes) {
            tooLarge(end - begin);
            return;
        }
        // a request that cannot block is served right here; any other gets a virtual thread of its own
        channel.receive(new Inbound(codec.decode(Arrays.copyOfRange(line, begin, end)), out, null,
                Inbound.Threading.INLINE_IF_NON_BLOCKING));
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private void drain(Duration grace) {
        if (stopped.getCount() == 0) {
            return;
        }
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            Channel c = channel;
            if (c != null) {
                if (!c.shutdown(grace)) {
                    LOG.log(System.Logger.Level.WARNING, "Some requests did not end within the shutdown grace period");
                }
                c.close();
            }
            out.close();
            stopped.countDown();
        }
    }

    /** Configures a {@link StdioTransport}; not thread-safe. */
    public static final class Builder {
        private InputStream in = new FileInputStream(FileDescriptor.in);
        private boolean processStdin = true;
        private OutputStream out = new FileOutputStream(FileDescriptor.out);
        private boolean processStdout = true;
        private int maxMessageBytes;
        private Duration shutdownGrace = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Where messages come from (default: this process's stdin); the transport closes it when reading ends. */
        public Builder input(InputStream in) {
            this.in = Objects.requireNonNull(in, "in");
            this.processStdin = false;
            return this;
        }

        /** Where messages go (default: this process's stdout, bypassing {@code System.out}). */
        public Builder output(OutputStream out) {
            this.out = Objects.requireNonNull(out, "out");
            this.processStdout = false;
            return this;
        }

        /**
         * The longest line accepted, in bytes (default: the server's {@link JsonRpcLimits#maxMessageBytes()},
         * 4 MiB unless configured); longer ones are skipped unread and answered with an error.
         */
        public Builder maxMessageBytes(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxMessageBytes must be positive, was " + max);
            }
            this.maxMessageBytes = max;
            return this;
        }

        /** How long running requests may finish after the input ends (default 5 s). */
        public Builder shutdownGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative, was " + grace);
            }
            this.shutdownGrace = grace;
            return this;
        }

        /** The transport. */
        public StdioTransport build() {
            return new StdioTransport(this);
        }
    }
}
