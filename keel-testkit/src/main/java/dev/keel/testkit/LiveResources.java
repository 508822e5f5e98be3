package dev.keel.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * What a process holds that a test can leak, at one moment: its live platform threads (by id) and its
 * open file descriptors (number and target, from {@code /proc/self/fd}). {@link #leaksSince} names what
 * is held now and was not at a baseline, leaving out what the JVM and JUnit make for themselves.
 *
 * <p>Threads left out, because the JVM or JUnit creates them once, on first use, and keeps them:
 * <ul>
 * <li>threads of the root ("system") thread group: Signal Dispatcher, Attach Listener, Reference
 *     Handler, Finalizer, Notification Thread;</li>
 * <li>the JDK's innocuous threads ({@code jdk.internal.misc.InnocuousThread}: Common-Cleaner, process
 *     reaper, the virtual-thread unblocker and I/O pollers, the keep-alive timer of
 *     {@code HttpURLConnection}) and carrier threads ({@code jdk.internal.misc.CarrierThread});</li>
 * <li>the threads of the virtual-thread scheduler, in its group {@code CarrierThreads}: its carriers and,
 *     from JDK 25, its timer for sleeping virtual threads ({@code ForkJoinPool-1-delayScheduler});</li>
 * <li>the threads of {@link ForkJoinPool#commonPool()} ({@code ForkJoinPool.commonPool-…}): its workers,
 *     which idle for a minute before ending, and its timer; and {@code CompletableFutureDelayScheduler},
 *     the JDK's one timer for {@code CompletableFuture.orTimeout} before JDK 25;</li>
 * <li>{@code junit-jupiter-timeout-watcher}, JUnit's one timer for {@code @Timeout}, made on first use.</li>
 * </ul>
 * Every other thread is counted, whatever its group: a thread a test or a server starts takes the group
 * of the thread that starts it, which may be a virtual thread or a common-pool worker. Virtual threads
 * are not listed by the JVM, so they are not counted.
 *
 * <p>File descriptors left out, because the JVM opens them on first use and keeps them open: class path
 * archives ({@code .jar}, {@code .jmod}, the run-time image {@code lib/modules}), {@code /dev/random}
 * and {@code /dev/urandom} (read by {@code SecureRandom}), and this process's own {@code /proc} entries
 * (the listing itself). What the JVM opens once and cannot be named by its target (the epoll instances
 * of the virtual-thread I/O pollers, the socket NIO keeps for closing channels) is made to exist before
 * the first baseline by {@link #prime()}. Everything else counts: no slack.
 *
 * <p>Where {@code /proc/self/fd} does not exist (not Linux), descriptors are not checked.
 */
final class LiveResources {

    /** JUnit Jupiter's timer thread for {@code @Timeout}, created on the first timed test of a run. */
    static final String JUNIT_TIMEOUT_WATCHER = "junit-jupiter-timeout-watcher";

    /** The prefix of the common pool's threads: its workers, and its timer on JDK 25 and later. */
    static final String COMMON_POOL = "ForkJoinPool.commonPool-";
    /** {@code CompletableFuture}'s one timer (orTimeout, delayedExecutor) before JDK 25. */
    static final String COMPLETABLE_FUTURE_TIMER = "CompletableFutureDelayScheduler";

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final String PROC_SELF = "/proc/" + ProcessHandle.current().pid();
    private static final Object PRIMED = new Object();
    private static volatile boolean primed;

    private final Set<Long> threadIds;
    private final Map<Thread, StackTraceElement[]> threads;
    /** Descriptor number to target; null where descriptors cannot be read. */
    private final Map<Integer, String> fds;

    private LiveResources(Map<Thread, StackTraceElement[]> threads, Map<Integer, String> fds) {
        this.threads = threads;
        this.fds = fds;
        this.threadIds = new HashSet<>();
        threads.keySet().forEach(t -> threadIds.add(t.threadId()));
    }

    /** The threads and descriptors held now, the JVM's own left out. */
    static LiveResources now() {
        Map<Thread, StackTraceElement[]> counted = new java.util.HashMap<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.isAlive() && !isJvmOwn(thread)) {
                counted.put(thread, stack);
            }
        });
        return new LiveResources(counted, openFds());
    }

    /**
     * Makes the JVM create, once per process, what it keeps from first use on and what cannot be told
     * apart by its target: the NIO dispatcher's pre-close socket, the epoll instances and threads of
     * the virtual-thread I/O pollers (a virtual thread's first blocking read), the virtual-thread
     * scheduler's timer (its first timed park), and {@code SecureRandom}'s devices. Without this, the first test class in a JVM to block a virtual thread on I/O would be
     * charged for them.
     */
    static void prime() {
        if (primed) {
            return;
        }
        synchronized (PRIMED) {
            if (primed) {
                return;
            }
            new SecureRandom().nextBytes(new byte[8]);
            try {
                // a virtual thread's first timed park starts the scheduler's timer thread (JDK 25: delayScheduler)
                Thread.ofVirtual().name("keel-leak-check-prime").start(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while priming the virtual-thread scheduler", e);
            }
            try {
                Pipe pipe = Pipe.open();
                try (InputStream in = Channels.newInputStream(pipe.source())) {
                    Thread reader = Thread.ofVirtual().name("keel-leak-check-prime").start(() -> {
                        try {
                            in.read();
                        } catch (IOException e) {
                            // the pipe was closed: nothing to prime any more
                        }
                    });
                    while (reader.isAlive() && reader.getState() != Thread.State.WAITING) {  // parked on the poller: it exists now
                        Thread.sleep(1);
                    }
                    pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
                    reader.join();
                } finally {
                    pipe.sink().close();
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not prime the JVM's I/O pollers: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while priming the JVM's I/O pollers", e);
            }
            primed = true;
        }
    }

    /**
     * What is held now and was not at {@code baseline}: one line per thread started since (name, id,
     * daemon or not, the top of its stack) and, if more descriptors are open than were, one line with
     * the difference and the descriptors opened since. Empty if nothing leaked.
     */
    List<String> leaksSince(LiveResources baseline) {
        List<String> leaks = new ArrayList<>();
        threads.entrySet().stream()
                .filter(e -> !baseline.threadIds.contains(e.getKey().threadId()) && e.getKey().isAlive())
                .sorted(java.util.Comparator.comparingLong(e -> e.getKey().threadId()))
                .forEach(e -> leaks.add(describe(e.getKey(), e.getValue())));
        if (fds != null && baseline.fds != null && fds.size() > baseline.fds.size()) {
            Map<Integer, String> opened = new TreeMap<>(fds);
            opened.entrySet().removeIf(e -> e.getValue().equals(baseline.fds.get(e.getKey())));
            leaks.add("file descriptors: " + fds.size() + " open, " + baseline.fds.size() + " before (+"
                    + (fds.size() - baseline.fds.size()) + "); opened since: " + opened);
        }
        return leaks;
    }

    /** Whether descriptors are counted (the process has {@code /proc/self/fd}). */
    boolean countsFds() {
        return fds != null;
    }

    /** Whether {@code thread} is one the JVM or JUnit makes once for itself (see the class comment). */
    static boolean isJvmOwn(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        if (group != null && group.getParent() == null) {
            return true;  // the root group: Signal Dispatcher, Attach Listener, Reference Handler, Finalizer
        }
        String type = thread.getClass().getName();
        if (type.equals("jdk.internal.misc.InnocuousThread") || type.equals("jdk.internal.misc.CarrierThread")) {
            return true;
        }
        if (group != null && group.getName().equals("CarrierThreads") && group.getParent().getParent() == null) {
            return true;  // the virtual-thread scheduler's: its carriers and its timer (JDK 25's delayScheduler)
        }
        if (thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool()) {
            return true;
        }
        String name = thread.getName();
        return name.startsWith(COMMON_POOL) || name.equals(COMPLETABLE_FUTURE_TIMER) || name.equals(JUNIT_TIMEOUT_WATCHER);
    }

    private static String describe(Thread thread, StackTraceElement[] stack) {
        StringBuilder line = new StringBuilder("thread \"").append(thread.getName()).append("\" (id ")
                .append(thread.threadId()).append(thread.isDaemon() ? ", daemon" : "").append(", ")
                .append(thread.getState()).append(")");
        // the top of the stack, and the first frame outside the JDK: whose thread it is
        int shown = Math.min(stack.length, 3);
        for (int i = 0; i < shown; i++) {
            line.append("\n        at ").append(stack[i]);
        }
        for (int i = shown; i < stack.length; i++) {
            if (!isJdkFrame(stack[i])) {
                line.append("\n        ...\n        at ").append(stack[i]);
                break;
            }
        }
        return line.toString();
    }

    private static boolean isJdkFrame(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
    }

    /** Descriptor number to target, the JVM's own left out; null where there is no /proc/self/fd. */
    private static Map<Integer, String> openFds() {
        if (!Files.isDirectory(FDS)) {
            return null;
        }
        Map<Integer, String> open = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(FDS)) {
            for (Path entry : entries) {
                String target;
                try {
                    target = Files.readSymbolicLink(entry).toString();
                } catch (IOException e) {
                    continue;  // closed while listed
                }
                if (!isJvmOwn(target)) {
                    open.put(Integer.parseInt(entry.getFileName().toString()), target);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return open;
    }

    /** Whether a descriptor's target is one the JVM opens for itself and keeps (see the class comment). */
    static boolean isJvmOwn(String target) {
        String path = target.endsWith(" (deleted)") ? target.substring(0, target.length() - 10) : target;
        return path.endsWith(".jar") || path.endsWith(".jmod") || path.endsWith("/lib/modules")
                || path.equals("/dev/random") || path.equals("/dev/urandom")
                || path.equals(PROC_SELF) || path.startsWith(PROC_SELF + "/");
    }
}
