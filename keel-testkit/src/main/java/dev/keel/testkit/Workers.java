package dev.keel.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/** Runs one body on many platform threads at once, for the contracts' concurrency tests. */
final class Workers {

    private Workers() {
    }

    /**
     * Starts {@code threads} threads that each run {@code body} with their number (0 to threads - 1),
     * released together, and waits for all of them; the first failure of any is rethrown.
     */
    static void run(int threads, IntConsumer body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int number = t;
            started.add(Thread.ofPlatform().name("contract-worker-" + t).start(() -> {
                try {
                    start.await();
                    body.accept(number);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        Throwable first = failures.peek();
        if (first != null) {
            throw new AssertionError("a worker failed: " + first, first);
        }
    }
}
