package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;

/**
 * The timing middleware's log line, captured where {@link System.Logger} sends it without a logging
 * framework: the {@code java.util.logging} logger of the same name.
 */
class TimingMiddlewareTest {

    /** "{method} {id} took {ms} ms ({outcome}) request {request id}"; the decimal separator is the locale's. */
    private static final Pattern LINE = Pattern.compile(
            "(?<method>\\S+) (?<id>\\S+) took (?<ms>\\d+[.,]\\d{3}) ms \\((?<outcome>[^)]+)\\)(?: request (?<request>\\S+))?");

    private LogCapture timing;

    @BeforeEach
    void captureTheTimingLogger() {
        timing = LogCapture.of("dev.keel.timing");
    }

    @AfterEach
    void restore() {
        timing.close();
    }

    private static Call call(String method, long id) {
        return new Call(RequestId.of(id), method, null, new CallContext(Map.of()));
    }

    /** A terminal step that takes at least {@code work} and answers with {@code response}. */
    private static Response after(Duration work, Response response) {
        long end = System.nanoTime() + work.toNanos();
        for (long left = work.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return response;
    }

    private static Matcher line(LogRecord record) {
        String message = new SimpleFormatter().formatMessage(record);
        Matcher matcher = LINE.matcher(message);
        assertThat(matcher.matches()).as("the timing line: %s", message).isTrue();
        return matcher;
    }

    private static double millis(Matcher line) {
        return Double.parseDouble(line.group("ms").replace(',', '.'));
    }

    @Test
    void aFastRequestIsLoggedAtDebugWithItsMethodIdDurationOutcomeAndRequestId() {
        MiddlewareChain chain = new MiddlewareChain(List.of(new RequestIdMiddleware(), new TimingMiddleware()),
                c -> after(Duration.ofMillis(15), Response.success(c.id(), Map.of())));

        chain.proceed(call("tools/list", 7));

        assertThat(timing.records()).hasSize(1);
        LogRecord record = timing.records().getFirst();
        assertThat(record.getLevel()).as("System.Logger DEBUG is java.util.logging FINE").isEqualTo(Level.FINE);
        Matcher line = line(record);
        assertThat(line.group("method")).isEqualTo("tools/list");
        assertThat(line.group("id")).isEqualTo("7");
        assertThat(line.group("outcome")).isEqualTo("ok");
        assertThat(line.group("request")).matches("[0-9a-f]{6}-1");
        assertThat(millis(line)).as("the duration covers the work behind the middleware")
                .isGreaterThanOrEqualTo(15).isLessThan(TimeUnit.SECONDS.toMillis(30));
    }

    @Test
    void aSlowRequestIsLoggedAtInfoWithItsErrorCode() {
        MiddlewareChain chain = new MiddlewareChain(List.of(new TimingMiddleware(Duration.ofMillis(10))),
                c -> after(Duration.ofMillis(20), Response.failure(c.id(), JsonRpcError.of(-32602, "bad"))));

        chain.proceed(call("tools/call", 3));

        assertThat(timing.records()).hasSize(1);
        assertThat(timing.records().getFirst().getLevel()).isEqualTo(Level.INFO);
        Matcher line = line(timing.records().getFirst());
        assertThat(line.group("method")).isEqualTo("tools/call");
        assertThat(line.group("outcome")).isEqualTo("error -32602");
        assertThat(line.group("request")).as("no request id without RequestIdMiddleware").isNull();
        assertThat(millis(line)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void nothingIsLoggedBelowTheLoggersLevel() {
        timing.loggerLevel(Level.INFO);
        MiddlewareChain chain = new MiddlewareChain(List.of(new TimingMiddleware()),
                c -> Response.success(c.id(), Map.of()));

        chain.proceed(call("ping", 1));

        assertThat(timing.records()).isEmpty();
    }
}
