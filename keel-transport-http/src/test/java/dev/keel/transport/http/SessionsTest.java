package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keel.core.spi.EventStore;

/** Who makes room for a new legacy session, and when nobody does: {@link Sessions} on its own. */
class SessionsTest {

    private static final ClientKey FLOODER = key("192.0.2.1");
    private static final ClientKey OTHER = key("192.0.2.2");
    private static final ClientKey NEWCOMER = key("192.0.2.3");

    private final EventStore store = EventStore.inMemory(16, 1 << 16);
    private int ids;

    private static ClientKey key(String address) {
        try {
            return ClientKey.of(new InetSocketAddress(InetAddress.getByName(address), 4242));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Sessions sessions(int max, int maxPerClient) {
        return new Sessions(max, maxPerClient, Duration.ofMinutes(30).toNanos(), new Refusals());
    }

    /** Opens a session of {@code client} as initialize does; null if refused. */
    private HttpSession open(Sessions sessions, ClientKey client) {
        Sessions.Admission admission = sessions.admit(client);
        if (admission.slot() == null) {
            return null;
        }
        HttpSession session = new HttpSession(store, client);
        session.id = "s" + ++ids;
        admission.slot().register(session);
        return session;
    }

    private List<HttpSession> open(Sessions sessions, ClientKey client, int count) {
        List<HttpSession> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opened.add(open(sessions, client));
        }
        return opened;
    }

    @Test
    void aClientAtItsCapEvictsItsOwnOldestIdleSession() {
        Sessions sessions = sessions(100, 3);
        HttpSession other = open(sessions, OTHER);
        List<HttpSession> mine = open(sessions, FLOODER, 3);
        HttpSession fourth = open(sessions, FLOODER);
        assertThat(fourth).isNotNull();
        assertThat(mine.getFirst().closed()).as("its own oldest went").isTrue();
        assertThat(sessions.get(mine.getFirst().id)).isNull();
        assertThat(other.closed()).isFalse();
        assertThat(sessions.heldBy(FLOODER)).isEqualTo(3);
        assertThat(sessions.heldBy(OTHER)).isEqualTo(1);
    }

    @Test
    void aClientAtItsCapWithEverySessionBusyIsRefused() {
        Sessions sessions = sessions(100, 2);
        List<HttpSession> mine = open(sessions, FLOODER, 2);
        mine.forEach(HttpSession::enter);
        Sessions.Admission refused = sessions.admit(FLOODER);
        assertThat(refused.slot()).isNull();
        assertThat(refused.refusal()).isEqualTo(Sessions.Refusal.CLIENT_FULL);
        assertThat(mine).noneMatch(HttpSession::closed);
        mine.getLast().exit();
        assertThat(open(sessions, FLOODER)).as("room once one is idle again").isNotNull();
        assertThat(mine.getLast().closed()).isTrue();
    }

    @Test
    void atTheMaximumTheIdleSessionOfTheClientHoldingTheMostGoesFirst() {
        Sessions sessions = sessions(6, 6);
        HttpSession other = open(sessions, OTHER);  // the oldest of all
        List<HttpSession> flood = open(sessions, FLOODER, 5);
        assertThat(open(sessions, NEWCOMER)).isNotNull();
        assertThat(other.closed()).as("not the oldest session: the flooder holds the most").isFalse();
        assertThat(flood.getFirst().closed()).isTrue();
        assertThat(sessions.size()).isEqualTo(6);
    }

    @Test
    void atTheMaximumAFlooderOnlyEvictsItsOwnSessions() {
        Sessions sessions = sessions(4, 10);
        HttpSession other = open(sessions, OTHER);
        List<HttpSession> flood = open(sessions, FLOODER, 20);
        assertThat(flood).doesNotContainNull();
        assertThat(other.closed()).isFalse();
        assertThat(sessions.heldBy(FLOODER)).isEqualTo(3);
        assertThat(flood.subList(0, 17)).allMatch(HttpSession::closed);
        assertThat(flood.subList(17, 20)).noneMatch(HttpSession::closed);
    }

    @Test
    void aBusySessionIsNeverEvictedTheNewOneIsRefused() {
        Sessions sessions = sessions(4, 10);
        HttpSession other = open(sessions, OTHER);
        other.enter();
        List<HttpSession> flood = open(sessions, FLOODER, 3);
        flood.forEach(HttpSession::enter);
        Sessions.Admission refused = sessions.admit(FLOODER);
        assertThat(refused.refusal()).isEqualTo(Sessions.Refusal.SERVER_FULL);
        assertThat(sessions.admit(NEWCOMER).refusal()).isEqualTo(Sessions.Refusal.SERVER_FULL);
        assertThat(flood).noneMatch(HttpSession::closed);
        assertThat(other.closed()).isFalse();
    }

    @Test
    void aFlooderDoesNotEvictTheSessionOfAClientHoldingFewerEvenWhenItsOwnAreBusy() {
        Sessions sessions = sessions(4, 10);
        HttpSession other = open(sessions, OTHER);
        List<HttpSession> flood = open(sessions, FLOODER, 3);
        flood.forEach(HttpSession::enter);
        assertThat(sessions.admit(FLOODER).refusal()).isEqualTo(Sessions.Refusal.SERVER_FULL);
        assertThat(other.closed()).isFalse();
        // a newcomer holds fewer than anyone: the oldest idle session of those holding more makes room
        assertThat(open(sessions, NEWCOMER)).isNotNull();
        assertThat(other.closed()).isTrue();
    }

    @Test
    void aPlaceIsHeldWhileInitializeRunsAndGivenBackIfItFails() {
        Sessions sessions = sessions(2, 2);
        Sessions.Admission first = sessions.admit(FLOODER);
        Sessions.Admission second = sessions.admit(FLOODER);
        assertThat(sessions.admit(FLOODER).refusal()).as("both places are taken, nothing idle to evict")
                .isEqualTo(Sessions.Refusal.CLIENT_FULL);
        first.slot().release();
        first.slot().release();
        assertThat(sessions.heldBy(FLOODER)).isEqualTo(1);
        second.slot().release();
        assertThat(sessions.heldBy(FLOODER)).isZero();
        assertThat(sessions.clients()).as("no entry is left for a client holding nothing").isZero();
    }

    @Test
    void removingSweepingAndDrainingLeaveNoEntries() {
        Sessions sessions = new Sessions(10, 10, 1, new Refusals());
        HttpSession gone = open(sessions, OTHER);
        open(sessions, FLOODER, 3);
        assertThat(sessions.clients()).isEqualTo(2);
        assertThat(sessions.remove(gone.id)).isSameAs(gone);
        assertThat(sessions.clients()).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int swept = 0;
        while (swept < 3 && System.nanoTime() < deadline) {
            swept += sessions.sweep();  // a TTL of one nanosecond: every idle session is expired at once
        }
        assertThat(swept).isEqualTo(3);
        assertThat(sessions.clients()).isZero();
        open(sessions, FLOODER, 2);
        assertThat(sessions.drain()).hasSize(2);
        assertThat(sessions.clients()).isZero();
    }
}
