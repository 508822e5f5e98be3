package dev.keel.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
        CountDownLatch finished = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            send(url, shape, counter, errors, done, recorder, end, warmEnd, finished);
        }
        long sleepMs = Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000);
        finished.await(sleepMs, TimeUnit.MILLISECONDS);
        recorder.getIntervalHistogram();  // drop the warm-up
        long doneAtStart = done.get();
        long errorsAtStart = errors.get();
        long start = System.nanoTime();
        finished.await();
        long elapsed = System.nanoTime() - start;
        var histogram = recorder.getIntervalHistogram();
        long count = done.get() - doneAtStart;
        return new Result(count * 1e9 / elapsed, histogram.getValueAtPercentile(50) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                errors.get() - errorsAtStart, count);
    }

    private void send(URI url, Shape shape, AtomicLong counter, AtomicLong errors, AtomicLong done, Recorder recorder,
            long end, long warmEnd, CountDownLatch finished) {
        long now = System.nanoTime();
        if (now >= end) {
            finished.countDown();
            return;
        }
        long i = counter.incrementAndGet();
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
                send(url, shape, counter, errors, done, recorder, end, warmEnd, finished);
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
