package dev.keel.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    /** A writer whose writes complete only when the test says so, as a peer that reads on demand. */
    private static final class Peer implements OutboundQueue.Writer {
        final LinkedBlockingQueue<OutboundQueue.Completion> pending = new LinkedBlockingQueue<>();
        final List<String> written = new ArrayList<>();

        @Override
        public synchronized void write(byte[] chunk, OutboundQueue.Completion done) {
            written.add(new String(chunk));
            pending.add(done);
        }

        void read() throws InterruptedException {
            pending.poll(10, TimeUnit.SECONDS).succeeded();
        }

        synchronized List<String> written() {
            return List.copyOf(written);
        }
    }

    private final CompletableFuture<IOException> failed = new CompletableFuture<>();

    @Test
    void chunksAreWrittenOneAtATimeInOrderAndNoOfferWaits() throws Exception {
        Peer peer = new Peer();
        OutboundQueue queue = new OutboundQueue(peer, 1024, Duration.ofMinutes(1), failed::complete);
        assertThat(queue.offer("a".getBytes())).isTrue();
        assertThat(queue.offer("b".getBytes())).isTrue();
        assertThat(queue.offer("c".getBytes())).isTrue();
        assertThat(peer.written()).as("one write at a time").containsExactly("a");
        peer.read();
        peer.read();
        peer.read();
        assertThat(peer.written()).containsExactly("a", "b", "c");
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void writesThatCompleteAtOnceContinueOnTheSameThreadWithoutRecursion() {
        List<String> written = new ArrayList<>();
        OutboundQueue queue = new OutboundQueue((chunk, done) -> {
            written.add(new String(chunk));
            done.succeeded();
        }, 1 << 20, Duration.ofMinutes(1), failed::complete);
        for (int i = 0; i < 100_000; i++) {
            queue.offer(new byte[] {'x'});
        }
        assertThat(written).hasSize(100_000);
        assertThat(queue.failed()).isFalse();
    }

    @Test
    void aSingleChunkLargerThanTheLimitIsStillSentButNothingPilesUpBehindIt() throws Exception {
        Peer peer = new Peer();
        OutboundQueue queue = new OutboundQueue(peer, 10, Duration.ofMinutes(1), failed::complete);
        assertThat(queue.offer(new byte[100])).as("nothing waits: sent whatever its size").isTrue();
        assertThat(queue.offer(new byte[6])).isTrue();
        assertThat(queue.offer(new byte[6])).as("12 bytes would wait behind the write, more than 10").isFalse();
        assertThat(failed.get(10, TimeUnit.SECONDS)).hasMessageContaining("not reading").hasMessageContaining("10");
        assertThat(queue.offer(new byte[1])).as("a failed queue takes nothing more").isFalse();
    }

    @Test
    void aWriteThatOutlastsTheTimeoutFailsTheQueue() throws Exception {
        Peer peer = new Peer();
        OutboundQueue queue = new OutboundQueue(peer, 1024, Duration.ofSeconds(5), failed::complete);
        queue.offer("a".getBytes());
        long now = System.nanoTime();
        assertThat(queue.checkWriteTimeout(now)).as("not yet").isFalse();
        assertThat(queue.checkWriteTimeout(now + Duration.ofSeconds(6).toNanos())).isTrue();
        assertThat(failed.get(10, TimeUnit.SECONDS)).hasMessageContaining("waited longer than");
        peer.read();  // the abandoned write completing late changes nothing
        assertThat(queue.failed()).isTrue();
    }

    @Test
    void endRunsOnceEverythingQueuedIsWritten() throws Exception {
        Peer peer = new Peer();
        OutboundQueue queue = new OutboundQueue(peer, 1024, Duration.ofMinutes(1), failed::complete);
        CountDownLatch ended = new CountDownLatch(1);
        queue.offer("a".getBytes());
        queue.offer("b".getBytes());
        queue.end(ended::countDown);
        assertThat(queue.offer("c".getBytes())).as("nothing after the end").isFalse();
        assertThat(ended.getCount()).isOne();
        peer.read();
        assertThat(ended.getCount()).isOne();
        peer.read();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(peer.written()).containsExactly("a", "b");
    }

    @Test
    void aFailedWriteFailsTheQueueOnceAndCloseFailsItQuietly() throws Exception {
        Peer peer = new Peer();
        OutboundQueue queue = new OutboundQueue(peer, 1024, Duration.ofMinutes(1), failed::complete);
        queue.offer("a".getBytes());
        peer.pending.poll(10, TimeUnit.SECONDS).failed(new IOException("reset"));
        assertThat(failed.get(10, TimeUnit.SECONDS)).hasMessage("reset");

        CompletableFuture<IOException> quiet = new CompletableFuture<>();
        OutboundQueue closed = new OutboundQueue(peer, 1024, Duration.ofMinutes(1), quiet::complete);
        closed.close();
        assertThat(closed.offer("x".getBytes())).isFalse();
        assertThat(quiet).isNotDone();
    }
}
