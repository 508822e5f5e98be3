package dev.keel.core.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer of Keel's own: one platform thread that runs short tasks at fixed delays. Its tasks only look
 * at state and hand work on (they queue a message, close a connection, start a virtual thread); none
 * ever waits on I/O, so that a client that stops reading cannot hold back the timeouts, keep-alives and
 * pings of every other. A task that throws is logged and keeps its schedule.
 */
public final class Timers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.keel.core");

    private final ScheduledThreadPoolExecutor executor;

    /** A timer whose thread is called {@code name}. */
    public Timers(String name) {
        executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(name).daemon(true).factory());
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} every {@code period}, the first time one period from now. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        Objects.requireNonNull(task, "task");
        long nanos = Objects.requireNonNull(period, "period").toNanos();
        return executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A timer task failed", e);
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} once, {@code delay} from now. */
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        return executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A timer task failed", e);
            }
        }, Objects.requireNonNull(delay, "delay").toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the timer; scheduled tasks do not run. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
