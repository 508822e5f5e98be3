package dev.keel.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server's health: its lifecycle state (starting, ready, draining) and its {@link HealthCheck}s.
 * {@link #liveness()} says whether the process works at all; {@link #readiness()} whether it should get
 * traffic, which it should not while starting or draining, nor while a readiness check is down.
 * Each report runs the checks of its probe in parallel, each on its own virtual thread under the
 * timeout, and times them. Thread-safe: the checks are fixed when built (no shared map to race on).
 */
public final class Health {

    /** Where the server is in its life. */
    public enum State { STARTING, READY, DRAINING }

    private final List<HealthCheck> checks;
    private final Duration timeout;
    private volatile State state = State.STARTING;

    private Health(List<HealthCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server serves: readiness may pass. */
    public void started() {
        state = State.READY;
    }

    /** The server is stopping: readiness fails from now on. */
    public void draining() {
        state = State.DRAINING;
    }

    public State state() {
        return state;
    }

    /** The liveness report. */
    public Report liveness() {
        return report(HealthCheck.Probe.LIVENESS, null);
    }

    /** The readiness report: down unless {@link #started()} was called and every readiness check is up. */
    public Report readiness() {
        return report(HealthCheck.Probe.READINESS, state);
    }

    private Report report(HealthCheck.Probe probe, State lifecycle) {
        List<HealthCheck> selected = checks.stream().filter(c -> c.probes().contains(probe)).toList();
        Map<String, CheckReport> results = new LinkedHashMap<>();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<CheckReport>> running = new ArrayList<>();
            for (HealthCheck check : selected) {
                running.add(threads.submit(() -> run(check)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < selected.size(); i++) {
                HealthCheck check = selected.get(i);
                Future<CheckReport> future = running.get(i);
                CheckReport result;
                try {
                    result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    result = new CheckReport(false, "did not answer within " + timeout.toMillis() + " ms",
                            timeout.toMillis());
                } catch (ExecutionException e) {
                    result = new CheckReport(false, String.valueOf(e.getCause()), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result = new CheckReport(false, "interrupted", 0);
                }
                results.put(check.name(), result);
            }
        } finally {
            // closing the executor would wait for checks that ignore interrupts: they are cancelled, not joined
            threads.shutdownNow();
        }
        boolean up = results.values().stream().allMatch(CheckReport::up) && (lifecycle == null || lifecycle == State.READY);
        return new Report(up, lifecycle, results);
    }

    private static CheckReport run(HealthCheck check) {
        long start = System.nanoTime();
        HealthCheck.Result result;
        try {
            result = Objects.requireNonNull(check.check(), "the check returned null");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = HealthCheck.Result.down("interrupted");
        } catch (Exception e) {
            result = HealthCheck.Result.down(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return new CheckReport(result.up(), result.detail(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** One check's outcome in a report. */
    public record CheckReport(boolean up, String detail, long durationMs) {
    }

    /**
     * A report: overall status, the lifecycle state (readiness only) and each check.
     *
     * @param state the lifecycle state for a readiness report, or null for liveness
     */
    public record Report(boolean up, State state, Map<String, CheckReport> checks) {
        public Report {
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        /** The report as JSON: {@code {"status":"UP","state":"READY","checks":{"name":{"status":"UP","durationMs":3,"detail":"…"}}}}. */
        public String toJson() {
            StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append('"');
            if (state != null) {
                json.append(",\"state\":\"").append(state).append('"');
            }
            json.append(",\"checks\":{");
            boolean first = true;
            for (Map.Entry<String, CheckReport> entry : checks.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                CheckReport check = entry.getValue();
                json.append(quote(entry.getKey())).append(":{\"status\":\"").append(check.up() ? "UP" : "DOWN")
                        .append("\",\"durationMs\":").append(check.durationMs())
                        .append(",\"detail\":").append(quote(check.detail())).append('}');
            }
            return json.append("}}").toString();
        }

        private static String quote(String text) {
            StringBuilder quoted = new StringBuilder("\"");
            tools.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text, quoted);
            return quoted.append('"').toString();
        }
    }

    /** Builds a {@link Health}. */
    public static final class Builder {
        private final List<HealthCheck> checks = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /** Adds a check. */
        public Builder check(HealthCheck check) {
            Objects.requireNonNull(check, "check");
            if (checks.stream().anyMatch(c -> c.name().equals(check.name()))) {
                throw new IllegalArgumentException("a health check named " + check.name() + " exists already");
            }
            checks.add(check);
            return this;
        }

        /** Adds the checks found with {@link ServiceLoader} by {@code loader}. */
        public Builder discover(ClassLoader loader) {
            ServiceLoader.load(HealthCheck.class, loader).forEach(this::check);
            return this;
        }

        /** How long each check may take; default 2 s. */
        public Builder checkTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("checkTimeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public Health build() {
            return new Health(checks, timeout);
        }
    }
}
