package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link LeakCheck} fails a class that leaves a thread running or a descriptor open, names what it
 * left, waits for what ends on its own, and does not charge a class for the JVM's own threads. The
 * classes it checks are run by JUnit's {@link EngineTestKit} (surefire does not pick up nested classes).
 */
@CheckLeaks
class LeakCheckTest {

    /** Lets the thread {@link LeaksAThread} leaves behind end, once the check has seen it. */
    static final CountDownLatch LEAKED_THREAD_RELEASE = new CountDownLatch(1);
    /** Lets the thread of {@link StopsAThreadThatEndsAMomentLater} end, after its class is over. */
    static final CountDownLatch LATE_THREAD_STOP = new CountDownLatch(1);
    static final AtomicReference<Thread> LEAKED_THREAD = new AtomicReference<>();
    static final AtomicReference<Pipe> LEAKED_PIPE = new AtomicReference<>();

    @CheckLeaks
    static class LeaksAThread {
        @Test
        void startsAThreadAndLeavesIt() {
            LEAKED_THREAD.set(Thread.ofPlatform().name("leaky-worker").start(LeakCheckTest::awaitRelease));
        }
    }

    @CheckLeaks
    static class LeaksAPipe {
        @Test
        void opensAPipeAndLeavesIt() throws IOException {
            LEAKED_PIPE.set(Pipe.open());
        }
    }

    @CheckLeaks
    static class StopsAThreadThatEndsAMomentLater {
        @Test
        void startsAThread() {
            Thread.ofPlatform().name("ends-after-its-class").start(() -> {
                try {
                    LATE_THREAD_STOP.await();
                    Thread.sleep(200);  // still stopping when the check first looks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @AfterAll
        static void stop() {
            LATE_THREAD_STOP.countDown();  // no join: the check must wait for it
        }
    }

    @CheckLeaks
    static class CleansUp {
        @Test
        void joinsItsThreadsAndClosesItsPipe() throws Exception {
            Thread worker = Thread.ofPlatform().name("joined-worker").start(() -> { });
            worker.join();
            Pipe pipe = Pipe.open();
            pipe.sink().close();
            pipe.source().close();
            // the common pool's workers stay for a minute after their task: the JVM's, not the class's
            assertThat(CompletableFuture.supplyAsync(() -> 42).get()).isEqualTo(42);
        }
    }

    private static void awaitRelease() {
        try {
            LEAKED_THREAD_RELEASE.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The failure of the class container, if it failed. */
    private static Throwable classFailure(Class<?> testClass, Duration wait) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(LeakCheck.WAIT_PARAMETER, Long.toString(wait.toMillis()))
                .selectors(selectClass(testClass)).execute()
                .containerEvents().failed().list();
        return failed.stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow()).findFirst().orElse(null);
    }

    @Test
    void aClassThatLeavesAThreadRunningFailsNamingTheThreadAndTheTopOfItsStack() throws Exception {
        try {
            Throwable failure = classFailure(LeaksAThread.class, Duration.ofMillis(200));

            assertThat(failure).isInstanceOf(AssertionError.class);
            assertThat(failure.getMessage()).contains("LeaksAThread leaked")
                    .contains("thread \"leaky-worker\"")
                    .contains("at java.base")  // the top of its stack: parked in the latch
                    .contains("dev.keel.testkit.LeakCheckTest.awaitRelease(")  // and whose it is
                    .doesNotContain("file descriptors");
        } finally {
            LEAKED_THREAD_RELEASE.countDown();
            if (LEAKED_THREAD.get() != null) {
                LEAKED_THREAD.get().join();
            }
        }
    }

    @Test
    void aClassThatLeavesAPipeOpenFailsNamingTheDescriptorsOpenedSince() throws Exception {
        assumeTrue(LiveResources.now().countsFds(), "file descriptors are counted where /proc/self/fd exists");
        try {
            Throwable failure = classFailure(LeaksAPipe.class, Duration.ofMillis(200));

            assertThat(failure).isInstanceOf(AssertionError.class);
            assertThat(failure.getMessage()).contains("LeaksAPipe leaked").contains("(+2)").contains("pipe:[")
                    .doesNotContain("thread \"");
        } finally {
            Pipe pipe = LEAKED_PIPE.get();
            if (pipe != null) {
                pipe.sink().close();
                pipe.source().close();
            }
        }
    }

    @Test
    void aThreadThatEndsSoonAfterTheClassIsWaitedForNotReported() {
        assertThat(classFailure(StopsAThreadThatEndsAMomentLater.class, LeakCheck.DEFAULT_WAIT)).isNull();
    }

    @Test
    void aClassThatStopsWhatItStartsPasses() {
        assertThat(classFailure(CleansUp.class, Duration.ofMillis(200))).isNull();
    }

    @Test
    void theJvmsOwnThreadsAreNotCountedButThreadsTheyStartAre() throws Exception {
        Thread commonPoolWorker = CompletableFuture.supplyAsync(Thread::currentThread).get();
        assertThat(LiveResources.isJvmOwn(commonPoolWorker)).as("a common pool worker").isTrue();
        Thread referenceHandler = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("Reference Handler")).findFirst().orElseThrow();
        assertThat(LiveResources.isJvmOwn(referenceHandler)).as("the Reference Handler").isTrue();

        // a platform thread started on a virtual thread or a pool worker takes its group: still counted
        AtomicReference<Thread> fromVirtual = new AtomicReference<>();
        Thread.ofVirtual().start(() -> fromVirtual.set(Thread.ofPlatform().unstarted(() -> { }))).join();
        assertThat(LiveResources.isJvmOwn(fromVirtual.get())).as("a thread made on a virtual thread").isFalse();
        Thread fromPool = CompletableFuture.supplyAsync(() -> Thread.ofPlatform().unstarted(() -> { })).get();
        assertThat(LiveResources.isJvmOwn(fromPool)).as("a thread made on a common pool worker").isFalse();
        assertThat(LiveResources.isJvmOwn(Thread.ofPlatform().name("keel-http-timers").unstarted(() -> { }))).isFalse();
    }

    @Test
    void classPathArchivesAndRandomDevicesAreTheJvmsButSocketsAndPipesAreNot() {
        assertThat(LiveResources.isJvmOwn("/root/.m2/repository/x/y.jar")).isTrue();
        assertThat(LiveResources.isJvmOwn("/usr/lib/jvm/jdk/lib/modules")).isTrue();
        assertThat(LiveResources.isJvmOwn("/dev/urandom")).isTrue();
        assertThat(LiveResources.isJvmOwn("socket:[12345]")).isFalse();
        assertThat(LiveResources.isJvmOwn("pipe:[12345]")).isFalse();
        assertThat(LiveResources.isJvmOwn("anon_inode:[eventpoll]")).isFalse();
        assertThat(LiveResources.isJvmOwn("/tmp/keel-events.log")).isFalse();
    }
}
