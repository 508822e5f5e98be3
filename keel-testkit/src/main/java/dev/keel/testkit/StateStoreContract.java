package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.keel.core.spi.StateEntry;
import dev.keel.core.spi.StateStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every {@link StateStore} must do, as tests: extend this class and return a fresh, empty store
 * from {@link #store}. The tests cover round trips, minted handles, missing keys, compare-and-set
 * conflicts, time to live and touching (on a {@link ManualClock}, never by sleeping), copies, deletion,
 * concurrent writers and the store's bound. A store that cannot run on the given clock or has no bound
 * of its own overrides the tests that need them.
 */
public abstract class StateStoreContract {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The clock the tests move; {@link #store} must tell the time with it. */
    protected final ManualClock clock = new ManualClock();

    /** A new, empty store on {@code clock} that holds at most {@code maxEntries} live entries. */
    protected abstract StateStore store(int maxEntries, InstantSource clock);

    private StateStore store() {
        return store(1_000, clock);
    }

    private static ObjectNode object(String field, int value) {
        return JSON.objectNode().put(field, value);
    }

    private static JsonNode value(StateStore store, String key) {
        return store.get(key).map(StateEntry::value).orElseThrow(() -> new AssertionError(key + " is not in the store"));
    }

    @Test
    void aValueReadsBackAsWrittenWithItsRevisionAndExpiry() {
        StateStore store = store();
        StateEntry written = store.put("k", object("a", 1), HOUR);
        assertThat(written.revision()).isPositive();
        assertThat(written.expiresAt()).isEqualTo(clock.instant().plus(HOUR));
        StateEntry read = store.get("k").orElseThrow();
        assertThat(read.key()).isEqualTo("k");
        assertThat(read.value()).isEqualTo(object("a", 1));
        assertThat(read.revision()).isEqualTo(written.revision());
        assertThat(read.expiresAt()).isEqualTo(written.expiresAt());
    }

    @Test
    void createMintsDistinctWellFormedHandlesForItsValues() {
        StateStore store = store();
        Set<String> handles = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String handle = store.create(JSON.numberNode(i), HOUR);
            assertThat(StateStore.isHandle(handle)).as(handle).isTrue();
            assertThat(handles.add(handle)).isTrue();
            assertThat(value(store, handle).asInt()).isEqualTo(i);
        }
        assertThat(StateStore.isHandle("session:abc")).isFalse();
        assertThat(StateStore.isHandle(StateStore.newHandle().toUpperCase(Locale.ROOT))).isFalse();
    }

    @Test
    void aMissingKeyIsAbsentEverywhere() {
        StateStore store = store();
        assertThat(store.get("missing")).isEmpty();
        assertThat(store.touch("missing", HOUR)).isFalse();
        assertThat(store.delete("missing")).isFalse();
        assertThat(store.compareAndSet("missing", 1, JSON.numberNode(1), HOUR)).isEmpty();
        assertThat(store.get("missing")).as("a failed write leaves nothing behind").isEmpty();
    }

    @Test
    void revisionZeroCreatesOnlyWhatIsAbsent() {
        StateStore store = store();
        assertThat(store.compareAndSet("k", 0, JSON.stringNode("first"), HOUR)).isPresent();
        assertThat(store.compareAndSet("k", 0, JSON.stringNode("second"), HOUR)).isEmpty();
        assertThat(value(store, "k").asString()).isEqualTo("first");
    }

    @Test
    void aWriterWithAStaleRevisionLosesAndTheWinnersValueStays() {
        StateStore store = store();
        StateEntry read = store.put("k", JSON.numberNode(0), HOUR);
        StateEntry won = store.compareAndSet("k", read.revision(), JSON.numberNode(1), HOUR).orElseThrow();
        assertThat(won.revision()).isGreaterThan(read.revision());
        assertThat(store.compareAndSet("k", read.revision(), JSON.numberNode(2), HOUR)).isEmpty();
        assertThat(value(store, "k").asInt()).isEqualTo(1);
    }

    @Test
    void putOverwritesWhateverIsThereUnderAHigherRevision() {
        StateStore store = store();
        StateEntry first = store.put("k", JSON.numberNode(1), HOUR);
        StateEntry second = store.put("k", JSON.numberNode(2), HOUR);
        assertThat(second.revision()).isGreaterThan(first.revision());
        assertThat(value(store, "k").asInt()).isEqualTo(2);
    }

    @Test
    void aRevisionIsNeverReusedAfterTheKeyIsDeletedAndWrittenAgain() {
        StateStore store = store();
        StateEntry first = store.put("k", JSON.numberNode(1), HOUR);
        store.delete("k");
        store.put("k", JSON.numberNode(2), HOUR);
        assertThat(store.compareAndSet("k", first.revision(), JSON.numberNode(3), HOUR)).isEmpty();
    }

    @Test
    void anEntryExpiresAtTheEndOfItsTimeToLive() {
        StateStore store = store();
        StateEntry entry = store.put("k", JSON.numberNode(1), Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));
        assertThat(store.get("k")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.get("k")).isEmpty();
        assertThat(store.compareAndSet("k", entry.revision(), JSON.numberNode(2), HOUR)).isEmpty();
        assertThat(store.touch("k", HOUR)).as("an expired entry is not revived").isFalse();
        assertThat(store.delete("k")).isFalse();
        assertThat(store.compareAndSet("k", 0, JSON.numberNode(3), HOUR)).as("its key is free again").isPresent();
    }

    @Test
    void touchingExtendsTheTimeToLiveAndKeepsTheRevision() {
        StateStore store = store();
        StateEntry entry = store.put("k", JSON.numberNode(1), Duration.ofMinutes(10));
        assertThat(store.touch("k", HOUR)).isTrue();
        clock.advance(Duration.ofMinutes(30));
        StateEntry read = store.get("k").orElseThrow();
        assertThat(read.revision()).isEqualTo(entry.revision());
        assertThat(read.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void everyWriteStartsTheTimeToLiveAgain() {
        StateStore store = store();
        StateEntry entry = store.put("k", JSON.numberNode(1), Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));
        store.compareAndSet("k", entry.revision(), JSON.numberNode(2), Duration.ofMinutes(10)).orElseThrow();
        clock.advance(Duration.ofMinutes(9));
        assertThat(value(store, "k").asInt()).isEqualTo(2);
    }

    @Test
    void theStoredValueChangesOnlyThroughTheStore() {
        StateStore store = store();
        ObjectNode written = object("a", 1);
        store.put("k", written, HOUR);
        written.put("a", 2);
        ObjectNode read = (ObjectNode) value(store, "k");
        read.put("a", 3);
        assertThat(value(store, "k")).isEqualTo(object("a", 1));
    }

    @Test
    void aTimeToLiveThatIsNotPositiveIsRefused() {
        StateStore store = store();
        assertThatThrownBy(() -> store.put("k", JSON.numberNode(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create(JSON.numberNode(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void aDeletedEntryIsGoneAndItsNeighboursStay() {
        StateStore store = store();
        store.put("a", JSON.numberNode(1), HOUR);
        store.put("b", JSON.numberNode(2), HOUR);
        assertThat(store.delete("a")).isTrue();
        assertThat(store.get("a")).isEmpty();
        assertThat(store.delete("a")).isFalse();
        assertThat(value(store, "b").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentIncrementsThatRetryOnConflictLoseNoUpdate() throws InterruptedException {
        StateStore store = store();
        String handle = store.create(JSON.numberNode(0), HOUR);
        int threads = 8;
        int each = 100;
        Workers.run(threads, t -> {
            for (int i = 0; i < each; i++) {
                Optional<StateEntry> written;
                do {
                    StateEntry read = store.get(handle).orElseThrow();
                    written = store.compareAndSet(handle, read.revision(), JSON.numberNode(read.value().asInt() + 1), HOUR);
                } while (written.isEmpty());
            }
        });
        assertThat(value(store, handle).asInt()).isEqualTo(threads * each);
    }

    @Test
    void aFullStoreRefusesANewKeyUntilOneIsDeletedOrExpires() {
        StateStore store = store(3, clock);
        store.put("short", JSON.numberNode(1), Duration.ofMinutes(1));
        store.put("b", JSON.numberNode(2), HOUR);
        store.put("c", JSON.numberNode(3), HOUR);
        assertThatThrownBy(() -> store.put("d", JSON.numberNode(4), HOUR)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3");
        assertThatThrownBy(() -> store.create(JSON.numberNode(4), HOUR)).isInstanceOf(IllegalStateException.class);
        assertThat(store.put("b", JSON.numberNode(20), HOUR).value().asInt()).as("a key it holds may change").isEqualTo(20);
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.compareAndSet("d", 0, JSON.numberNode(4), HOUR)).as("the expired one made room").isPresent();
        store.delete("c");
        assertThat(store.create(JSON.numberNode(5), HOUR)).as("the deleted one made room").isNotNull();
    }
}
