package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.keel.core.spi.EventStore;

/** The in-memory event store passes the contract every event store passes, and keeps its global budget. */
class InMemoryEventStoreTest extends EventStoreContract {

    @Override
    protected EventStore store(int maxEventsPerSession, long maxBytesPerSession) {
        return EventStore.inMemory(maxEventsPerSession, maxBytesPerSession);
    }

    private static byte[] tenBytes(int i) {
        return String.format("event-%04d", i).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void overTheStoreBudgetTheLargestSessionGivesUpItsOldestEventsFirst() {
        // 100 bytes per session, 60 in all: ten-byte events
        EventStore store = EventStore.inMemory(100, 100, 60);
        String quietFirst = store.append("quiet", "1", tenBytes(0));
        String quietSecond = store.append("quiet", "1", tenBytes(1));
        String floodFirst = store.append("flood", "1", tenBytes(100));
        for (int i = 101; i < 140; i++) {
            store.append("flood", "1", tenBytes(i));
        }

        assertThat(store.after("quiet", quietFirst).events()).as("the quiet session keeps its window")
                .extracting(EventStore.Event::id).containsExactly(quietSecond);
        assertThat(store.after("flood", floodFirst).events()).as("the flooder keeps what is left: 40 bytes")
                .hasSize(4);

        // once the flooder is gone, the quiet session may grow to the whole budget
        store.sessionEnded("flood");
        String[] ids = new String[6];
        for (int i = 0; i < 6; i++) {
            ids[i] = store.append("quiet", "1", tenBytes(2 + i));
        }
        assertThat(store.after("quiet", quietFirst).events()).hasSize(6);
        assertThat(store.after("quiet", quietFirst).events().getLast().id()).isEqualTo(ids[5]);
    }

    @Test
    void everyBudgetMustHoldAnEvent() {
        assertThatThrownBy(() -> EventStore.inMemory(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
