package dev.keel.testkit;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that fails a test class which leaks threads or file descriptors; usually applied
 * with {@link CheckLeaks}.
 *
 * <p>Before the class (before its {@code @BeforeAll} methods) it records the live platform threads by
 * id and the open file descriptors ({@code /proc/self/fd}, where there is one). After the class (after
 * its {@code @AfterAll} methods, so after every server it started is stopped) it compares again, and
 * waits for what was started to end: it polls every 50 ms for up to ten seconds, since a stopped
 * server's threads and sockets take a moment to go. If threads started during the class are still
 * alive, or more descriptors are open than before, the class fails with each thread's name, id and the
 * top of its stack, and the descriptors opened since.
 *
 * <p>What the JVM and JUnit create once and keep is not counted (the JVM's system threads, the
 * common pool's workers, the carriers of virtual threads, class path archives, JUnit's timeout
 * watcher), and what the JVM creates once on first use and cannot be told apart by name (the
 * virtual-thread I/O pollers) is made to exist before the first baseline, so that no class is charged
 * for it. Everything else counts exactly: a thread of a client the test forgot to close is a leak of
 * the test. Virtual threads are not listed by the JVM and are not checked. Test classes must not run
 * in parallel with a checked class, which sees the whole process.
 *
 * <p>The wait can be changed with the JUnit configuration parameter {@value #WAIT_PARAMETER}
 * (milliseconds).
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {

    /** The configuration parameter that sets how long to wait for threads and descriptors to go, in ms. */
    public static final String WAIT_PARAMETER = "keel.leak-check.wait-ms";
    /** How long to wait unless {@value #WAIT_PARAMETER} says otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);
    private static final String BASELINE = "baseline";
    private static final long POLL_MILLIS = 50;

    /** Used by JUnit; apply with {@link CheckLeaks} or {@code @ExtendWith(LeakCheck.class)}. */
    public LeakCheck() {
    }

    /** Records the threads and descriptors held before the class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        LiveResources.prime();
        context.getStore(NAMESPACE).put(BASELINE, LiveResources.now());
    }

    /** Waits, within the bound, for the threads and descriptors to return to what they were before. */
    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        LiveResources baseline = context.getStore(NAMESPACE).remove(BASELINE, LiveResources.class);
        if (baseline == null) {
            return;  // beforeAll did not run
        }
        Duration wait = context.getConfigurationParameter(WAIT_PARAMETER).map(Long::parseLong).map(Duration::ofMillis)
                .orElse(DEFAULT_WAIT);
        List<String> leaks = awaitBaseline(baseline, wait);
        if (!leaks.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " leaked, still there " + wait.toMillis()
                    + " ms after its last test (stop every server, client and executor it starts):\n    "
                    + String.join("\n    ", leaks));
        }
    }

    /** What is still held beyond {@code baseline} after waiting up to {@code wait}; empty once nothing is. */
    static List<String> awaitBaseline(LiveResources baseline, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<String> leaks = LiveResources.now().leaksSince(baseline);
            if (leaks.isEmpty() || System.nanoTime() - deadline >= 0) {
                return leaks;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
