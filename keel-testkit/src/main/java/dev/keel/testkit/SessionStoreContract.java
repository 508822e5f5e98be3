package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.keel.core.spi.SessionRecord;
import dev.keel.core.spi.SessionStore;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.Implementation;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.ProtocolVersion;

/**
 * What every {@link SessionStore} must do, as tests: extend this class and return a fresh, empty store
 * from {@link #store}. The tests cover round trips of every field, missing sessions, taken ids,
 * compare-and-set conflicts, expiry and touching (on a {@link ManualClock}, never by sleeping),
 * deletion, concurrent writers and the store's bound. A store that cannot run on the given clock or
 * has no bound of its own overrides the tests that need them.
 */
public abstract class SessionStoreContract {

    private static final Duration HOUR = Duration.ofHours(1);

    /** The clock the tests move; {@link #store} must tell the time with it. */
    protected final ManualClock clock = new ManualClock();

    /** A new, empty store on {@code clock} that holds at most {@code maxSessions} live sessions. */
    protected abstract SessionStore store(int maxSessions, InstantSource clock);

    private SessionStore store() {
        return store(1_000, clock);
    }

    private static SessionRecord session(String id) {
        ClientCapabilities capabilities = new ClientCapabilities(Map.of("trace", Map.of()), new ClientCapabilities.Roots(true),
                null, null, null);
        return SessionRecord.open(id, ProtocolVersion.V2025_06_18, Implementation.of("contract-client", "1.0"),
                capabilities, "alice");
    }

    private static SessionRecord stored(SessionStore store, String id) {
        return store.get(id).orElseThrow(() -> new AssertionError("session " + id + " is not in the store"));
    }

    @Test
    void aCreatedSessionReadsBackWithEveryField() {
        SessionStore store = store();
        SessionRecord opened = session("s1");
        SessionRecord created = store.create(opened, HOUR).orElseThrow();
        assertThat(created.revision()).isPositive();
        assertThat(created.expiresAt()).isEqualTo(clock.instant().plus(HOUR));
        assertThat(created.withRevision(0).withExpiresAt(null)).isEqualTo(opened);
        SessionRecord read = stored(store, "s1");
        assertThat(read).isEqualTo(created);
        assertThat(read.protocolVersion()).isEqualTo(ProtocolVersion.V2025_06_18);
        assertThat(read.clientInfo().name()).isEqualTo("contract-client");
        assertThat(read.clientCapabilities().roots().listChanged()).isTrue();
        assertThat(read.principal()).isEqualTo("alice");
        assertThat(read.logLevel()).isNull();
        assertThat(read.resourceSubscriptions()).isEmpty();
    }

    @Test
    void aSessionWithoutPrincipalOrClientInfoRoundTrips() {
        SessionStore store = store();
        SessionRecord anonymous = SessionRecord.open("anon", ProtocolVersion.V2024_11_05, null, null, null);
        store.create(anonymous, HOUR).orElseThrow();
        SessionRecord read = stored(store, "anon");
        assertThat(read.principal()).isNull();
        assertThat(read.clientInfo()).isNull();
        assertThat(read.clientCapabilities()).isEqualTo(ClientCapabilities.none());
    }

    @Test
    void anUnknownSessionIsAbsentEverywhere() {
        SessionStore store = store();
        assertThat(store.get("nobody")).isEmpty();
        assertThat(store.touch("nobody", HOUR)).isFalse();
        assertThat(store.delete("nobody")).isFalse();
        assertThat(store.compareAndSet(session("nobody").withRevision(1), HOUR)).isEmpty();
    }

    @Test
    void anIdThatIsTakenCannotBeCreatedAgain() {
        SessionStore store = store();
        store.create(session("s1").withLogLevel(LoggingLevel.DEBUG), HOUR).orElseThrow();
        assertThat(store.create(session("s1"), HOUR)).isEmpty();
        assertThat(stored(store, "s1").logLevel()).as("the first session's data stays").isEqualTo(LoggingLevel.DEBUG);
    }

    @Test
    void aWriteWithTheRevisionReadIsStoredUnderAHigherRevision() {
        SessionStore store = store();
        SessionRecord created = store.create(session("s1"), HOUR).orElseThrow();
        SessionRecord updated = store.compareAndSet(created.withLogLevel(LoggingLevel.WARNING)
                .withSubscription("file:///a").withSubscription("file:///b"), HOUR).orElseThrow();
        assertThat(updated.revision()).isGreaterThan(created.revision());
        SessionRecord again = store.compareAndSet(updated.withoutSubscription("file:///a"), HOUR).orElseThrow();
        SessionRecord read = stored(store, "s1");
        assertThat(read).isEqualTo(again);
        assertThat(read.logLevel()).isEqualTo(LoggingLevel.WARNING);
        assertThat(read.resourceSubscriptions()).containsExactly("file:///b");
    }

    @Test
    void aWriterWithAStaleRevisionLosesAndTheWinnersChangeStays() {
        SessionStore store = store();
        SessionRecord read = store.create(session("s1"), HOUR).orElseThrow();
        assertThat(store.compareAndSet(read.withLogLevel(LoggingLevel.DEBUG), HOUR)).isPresent();
        assertThat(store.compareAndSet(read.withSubscription("file:///x"), HOUR)).as("the second writer read too early").isEmpty();
        SessionRecord now = stored(store, "s1");
        assertThat(now.logLevel()).isEqualTo(LoggingLevel.DEBUG);
        assertThat(now.resourceSubscriptions()).isEmpty();
        assertThat(store.compareAndSet(now.withSubscription("file:///x"), HOUR)).as("after reading again").isPresent();
    }

    @Test
    void aRevisionIsNeverReusedAfterTheSessionIsDeletedAndCreatedAgain() {
        SessionStore store = store();
        SessionRecord first = store.create(session("s1"), HOUR).orElseThrow();
        store.delete("s1");
        store.create(session("s1"), HOUR).orElseThrow();
        assertThat(store.compareAndSet(first.withLogLevel(LoggingLevel.ERROR), HOUR)).as("a writer of the old session").isEmpty();
    }

    @Test
    void aSessionExpiresAtItsExpiry() {
        SessionStore store = store();
        SessionRecord created = store.create(session("s1"), Duration.ofMinutes(30)).orElseThrow();
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.get("s1")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.get("s1")).isEmpty();
        assertThat(store.compareAndSet(created.withLogLevel(LoggingLevel.INFO), HOUR)).isEmpty();
        assertThat(store.touch("s1", HOUR)).as("an expired session is not revived").isFalse();
        assertThat(store.create(session("s1"), HOUR)).as("its id is free again").isPresent();
    }

    @Test
    void touchingMovesTheExpiryAndConflictsWithNoWriter() {
        SessionStore store = store();
        SessionRecord created = store.create(session("s1"), Duration.ofMinutes(30)).orElseThrow();
        assertThat(store.touch("s1", Duration.ofHours(2))).isTrue();
        SessionRecord touched = stored(store, "s1");
        assertThat(touched.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(touched.revision()).isEqualTo(created.revision());
        clock.advance(Duration.ofMinutes(90));
        assertThat(store.get("s1")).as("alive past its first expiry").isPresent();
        assertThat(store.compareAndSet(touched.withLogLevel(LoggingLevel.NOTICE), HOUR)).isPresent();
    }

    @Test
    void everyWriteStartsTheTimeToLiveAgain() {
        SessionStore store = store();
        SessionRecord created = store.create(session("s1"), Duration.ofMinutes(30)).orElseThrow();
        clock.advance(Duration.ofMinutes(29));
        store.compareAndSet(created.withLogLevel(LoggingLevel.INFO), Duration.ofMinutes(30)).orElseThrow();
        clock.advance(Duration.ofMinutes(29));
        assertThat(stored(store, "s1").logLevel()).isEqualTo(LoggingLevel.INFO);
    }

    @Test
    void aTimeToLiveThatIsNotPositiveIsRefused() {
        SessionStore store = store();
        assertThatThrownBy(() -> store.create(session("s1"), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get("s1")).isEmpty();
        store.create(session("s1"), HOUR).orElseThrow();
        assertThatThrownBy(() -> store.touch("s1", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeletedSessionIsGone() {
        SessionStore store = store();
        SessionRecord created = store.create(session("s1"), HOUR).orElseThrow();
        store.create(session("s2"), HOUR).orElseThrow();
        assertThat(store.delete("s1")).isTrue();
        assertThat(store.get("s1")).isEmpty();
        assertThat(store.delete("s1")).isFalse();
        assertThat(store.compareAndSet(created.withLogLevel(LoggingLevel.INFO), HOUR)).isEmpty();
        assertThat(store.get("s2")).as("its neighbour stays").isPresent();
    }

    @Test
    void concurrentWritersThatRetryOnConflictLoseNoUpdate() throws InterruptedException {
        SessionStore store = store();
        store.create(session("s1"), HOUR).orElseThrow();
        int threads = 8;
        int each = 50;
        Workers.run(threads, t -> {
            for (int i = 0; i < each; i++) {
                String uri = "file:///t" + t + "/" + i;
                Optional<SessionRecord> written;
                do {
                    written = store.compareAndSet(stored(store, "s1").withSubscription(uri), HOUR);
                } while (written.isEmpty());
            }
        });
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                expected.add("file:///t" + t + "/" + i);
            }
        }
        assertThat(stored(store, "s1").resourceSubscriptions()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFullStoreRefusesANewSessionUntilOneEndsOrExpires() {
        SessionStore store = store(3, clock);
        store.create(session("short"), Duration.ofMinutes(1)).orElseThrow();
        store.create(session("s2"), HOUR).orElseThrow();
        store.create(session("s3"), HOUR).orElseThrow();
        assertThatThrownBy(() -> store.create(session("s4"), HOUR)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3");
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.create(session("s4"), HOUR)).as("the expired one made room").isPresent();
        store.delete("s2");
        assertThat(store.create(session("s5"), HOUR)).as("the deleted one made room").isPresent();
        assertThat(store.get("s3")).isPresent();
    }
}
