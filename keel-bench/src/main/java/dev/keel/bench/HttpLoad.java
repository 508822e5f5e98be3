package dev.keel.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A closed-loop HTTP load: {@code inFlight} requests always outstanding, each answered one replaced
 * at once, for a fixed time after a warm-up; latencies in an HdrHistogram. Jetty's asynchronous
 * client keeps one connection per request in flight.
 */
final class HttpLoad implements AutoCloseable {

    /** How to make the i-th request of a run. */
    interface Shape {
        byte[] body(long i);

        void headers(Request request);
    }

    private final HttpClient client;

    HttpLoad(int maxConnections) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("bench-client");
        client = new HttpClient();
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(maxConnections);
        client.setMaxRequestsQueuedPerDestination(maxConnections * 4);
        client.setFollowRedirects(false);
        client.setIdleTimeout(60_000);
        client.start();
    }

    HttpClient client() {
        return client;
    }

    /** Runs the load and returns what it measured over the measured part only. */
    Result run(URI url, Shape shape, int inFlight, Duration warmUp, Duration measured) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong counter = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long warmEnd = System.nanoTime() + warmUp.toNanos();
        long end = warmEnd + measured.toNanos();
        LongSupplier ids = () -> System.nanoTime() >= end ? -1 : counter.incrementAndGet();
        CountDownLatch finished = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            send(url, shape, ids, errors, done, recorder, finished);
        }
        long sleepMs = Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000);
        finished.await(sleepMs, TimeUnit.MILLISECONDS);
        recorder.getIntervalHistogram();  // drop the warm-up
        long doneAtStart = done.get();
        long errorsAtStart = errors.get();
        long start = System.nanoTime();
        finished.await();
        long elapsed = System.nanoTime() - start;
        return result(recorder, done.get() - doneAtStart, errors.get() - errorsAtStart, elapsed);
    }

    /**
     * Sends exactly {@code calls} requests with ids from {@code firstId}, {@code inFlight} at a time, and
     * returns when all are answered: every one measured.
     */
    Result calls(URI url, Shape shape, int inFlight, long firstId, long calls) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong next = new AtomicLong(firstId);
        long end = firstId + calls;
        LongSupplier ids = () -> {
            long i = next.getAndIncrement();
            return i < end ? i : -1;
        };
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(inFlight);
        long start = System.nanoTime();
        for (int i = 0; i < inFlight; i++) {
            send(url, shape, ids, errors, done, recorder, finished);
        }
        finished.await();
        return result(recorder, done.get(), errors.get(), System.nanoTime() - start);
    }

    private static Result result(Recorder recorder, long count, long errors, long elapsedNanos) {
        var histogram = recorder.getIntervalHistogram();
        return new Result(count * 1e9 / elapsedNanos, histogram.getValueAtPercentile(50) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3, errors, count);
    }

    /** Sends the request with the next id, and on its answer the one after, until {@code ids} gives -1. */
    private void send(URI url, Shape shape, LongSupplier ids, AtomicLong errors, AtomicLong done, Recorder recorder,
            CountDownLatch finished) {
        long i = ids.getAsLong();
        if (i < 0) {
            finished.countDown();
            return;
        }
        Request request = client.newRequest(url).method(HttpMethod.POST)
                .body(new BytesRequestContent("application/json", shape.body(i)))
                .timeout(30, TimeUnit.SECONDS);
        shape.headers(request);
        long started = System.nanoTime();
        request.send(new org.eclipse.jetty.client.BufferingResponseListener(8 << 20) {
            @Override
            public void onComplete(org.eclipse.jetty.client.Result result) {
                long took = System.nanoTime() - started;
                if (result.isFailed() || result.getResponse().getStatus() != 200
                        || !getContentAsString(StandardCharsets.UTF_8).contains("\"result\"")) {
                    errors.incrementAndGet();
                } else {
                    recorder.recordValue(Math.max(1, took / 1000));
                }
                done.incrementAndGet();
                send(url, shape, ids, errors, done, recorder, finished);
            }
        });
    }

    /** One blocking request, for set-up (a legacy session's initialize). */
    ContentResponse once(URI url, byte[] body, String... headers) throws Exception {
        Request request = client.newRequest(url).method(HttpMethod.POST)
                .body(new BytesRequestContent("application/json", body)).timeout(30, TimeUnit.SECONDS);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            String name = headers[i];
            String value = headers[i + 1];
            request.headers(h -> h.put(name, value));
        }
        return request.send();
    }

    /** Requests per second, latency percentiles in ms, errors, and how many requests were measured. */
    record Result(double throughput, double p50Ms, double p99Ms, double p999Ms, long errors, long requests) {
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
