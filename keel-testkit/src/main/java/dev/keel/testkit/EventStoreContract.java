package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.keel.core.spi.EventStore;

/**
 * What every {@link EventStore} must do, as tests: extend this class and return a fresh, empty store
 * from {@link #store}. The tests cover replay order, the isolation of streams and sessions, the
 * window that drops the oldest events, forgetting delivered streams and ended sessions, and
 * concurrent appends.
 */
public abstract class EventStoreContract {

    /**
     * A new, empty store that holds at most {@code maxEventsPerSession} events and
     * {@code maxBytesPerSession} bytes of messages per session, dropping the oldest first.
     */
    protected abstract EventStore store(int maxEventsPerSession, long maxBytesPerSession);

    private EventStore roomy() {
        return store(10_000, 1L << 24);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> messages(EventStore.Replay replay) {
        return replay.events().stream().map(e -> new String(e.message(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aReplayReturnsTheEventsAfterTheLastSeenOneOldestFirstUnderTheirIds() {
        EventStore store = roomy();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(store.append("s", "1", bytes("m" + i)));
        }
        EventStore.Replay replay = store.after("s", ids.get(1));
        assertThat(replay.streamId()).isEqualTo("1");
        assertThat(messages(replay)).containsExactly("m3", "m4", "m5");
        assertThat(replay.events()).extracting(EventStore.Event::id).containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(messages(store.after("s", ids.get(1)))).as("a replay consumes nothing").containsExactly("m3", "m4", "m5");
        assertThat(store.after("s", ids.get(4)).events()).as("nothing after the last").isEmpty();
    }

    @Test
    void theStartOfAStreamReplaysAllOfIt() {
        EventStore store = roomy();
        store.append("s", "7", bytes("a"));
        store.append("s", "7", bytes("b"));
        assertThat(messages(store.after("s", "7-0"))).containsExactly("a", "b");
    }

    @Test
    void eventIdsAreUniqueWithinTheSessionAndNameTheirStream() {
        EventStore store = roomy();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            String stream = Integer.toString(i % 3);
            String id = store.append("s", stream, bytes("m" + i));
            assertThat(ids.add(id)).as("id %s is new", id).isTrue();
            assertThat(store.after("s", id).streamId()).isEqualTo(stream);
        }
    }

    @Test
    void aReplayHoldsOnlyTheStreamTheIdNames() {
        EventStore store = roomy();
        String a1 = store.append("s", "a", bytes("a1"));
        String b1 = store.append("s", "b", bytes("b1"));
        store.append("s", "a", bytes("a2"));
        store.append("s", "b", bytes("b2"));
        assertThat(messages(store.after("s", a1))).containsExactly("a2");
        assertThat(messages(store.after("s", b1))).containsExactly("b2");
    }

    @Test
    void sessionsDoNotSeeEachOthersEvents() {
        EventStore store = roomy();
        store.append("one", "1", bytes("first of one"));
        store.append("two", "1", bytes("first of two"));
        store.append("one", "1", bytes("second of one"));
        assertThat(messages(store.after("one", "1-0"))).containsExactly("first of one", "second of one");
        assertThat(messages(store.after("two", "1-0"))).containsExactly("first of two");
    }

    @Test
    void theEventWindowDropsTheOldestEventsOfTheSessionFirst() {
        EventStore store = store(3, 1 << 20);
        String a1 = store.append("s", "1", bytes("a1"));
        store.append("s", "2", bytes("b1"));
        store.append("s", "1", bytes("a2"));
        store.append("s", "1", bytes("a3"));
        EventStore.Replay replay = store.after("s", a1);
        assertThat(replay.streamId()).isEqualTo("1");
        assertThat(messages(replay)).containsExactly("a2", "a3");
        assertThat(store.after("s", "2-0").events()).hasSize(1);
        store.append("s", "1", bytes("a4"));
        assertThat(store.after("s", "2-0").events()).as("b1 fell out of the window").isEmpty();
    }

    @Test
    void theByteBudgetDropsTheOldestEventsOfTheSessionFirst() {
        EventStore store = store(1_000, 10);
        for (int i = 1; i <= 4; i++) {
            store.append("s", "1", bytes("m" + i + "xx"));
        }
        assertThat(messages(store.after("s", "1-0"))).as("two 4-byte messages fit in 10 bytes").containsExactly("m3xx", "m4xx");
    }

    @Test
    void aMalformedOrUnknownIdReplaysNothing() {
        EventStore store = roomy();
        store.append("s", "1", bytes("m"));
        assertThat(store.after("s", "junk")).isNull();
        assertThat(store.after("s", "1-x")).isNull();
        assertThat(store.after("unknown", "1-0")).isNull();
        assertThat(store.after("s", "1-99")).as("an id the session never issued").isNull();
    }

    @Test
    void aDeliveredStreamIsForgottenAndItsNeighboursKept() {
        EventStore store = roomy();
        store.append("s", "1", bytes("a"));
        store.append("s", "2", bytes("b"));
        store.streamDelivered("s", "1");
        EventStore.Replay replay = store.after("s", "1-0");
        assertThat(replay == null || replay.events().isEmpty()).as("nothing of the delivered stream").isTrue();
        assertThat(messages(store.after("s", "2-0"))).containsExactly("b");
    }

    @Test
    void anEndedSessionIsForgotten() {
        EventStore store = roomy();
        String id = store.append("s", "1", bytes("a"));
        store.sessionEnded("s");
        assertThat(store.after("s", id)).isNull();
        assertThat(store.after("s", "1-0")).isNull();
    }

    @Test
    void concurrentAppendsLoseNothingAndKeepEachStreamInOrder() throws InterruptedException {
        EventStore store = roomy();
        int threads = 8;
        int each = 500;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Workers.run(threads, t -> {
            for (int i = 0; i < each; i++) {
                ids.add(store.append("s", "t" + t, bytes(Integer.toString(i))));
            }
        });
        assertThat(ids).as("every id unique").hasSize(threads * each);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            expected.add(Integer.toString(i));
        }
        for (int t = 0; t < threads; t++) {
            assertThat(messages(store.after("s", "t" + t + "-0"))).containsExactlyElementsOf(expected);
        }
    }
}
