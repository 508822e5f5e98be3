package dev.keel.health;

import java.util.Objects;
import java.util.Set;

/**
 * One thing the server's health depends on: a database, a downstream service, a directory it serves.
 * Checks run in parallel, each on a virtual thread of its own under the configured timeout (a check
 * that takes longer counts as down and is interrupted). Found with {@link java.util.ServiceLoader} or
 * added with {@link Health.Builder#check}.
 */
public interface HealthCheck {

    /** The check's name in the report; unique. */
    String name();

    /**
     * Which probes the check takes part in: readiness (whether to send traffic here) by default;
     * liveness (whether to restart the process) only for checks a restart would fix.
     */
    default Set<Probe> probes() {
        return Set.of(Probe.READINESS);
    }

    /**
     * Checks; may block. Throwing counts as down, with the exception's message as the detail.
     */
    Result check() throws Exception;

    /** The two probes an orchestrator asks. */
    enum Probe { LIVENESS, READINESS }

    /** What a check found: up or down, and a short detail for people (no secrets). */
    record Result(boolean up, String detail) {
        public Result {
            Objects.requireNonNull(detail, "detail");
        }

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }

    /** A check from a name and a body. */
    static HealthCheck of(String name, Set<Probe> probes, java.util.concurrent.Callable<Result> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Set<Probe> copy = Set.copyOf(probes);
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Probe> probes() {
                return copy;
            }

            @Override
            public Result check() throws Exception {
                return body.call();
            }
        };
    }
}
