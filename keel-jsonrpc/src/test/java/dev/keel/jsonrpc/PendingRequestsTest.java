package dev.keel.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

class PendingRequestsTest {

    @Test
    void aResponseCompletesTheRequestWithItsId() throws Exception {
        PendingRequests pending = new PendingRequests();
        RequestId id = pending.next();
        CompletableFuture<Response> future = pending.register(id);

        assertThat(pending.complete(Response.success(id, Map.of()))).isTrue();

        assertThat(future.get()).isEqualTo(Response.success(id, Map.of()));
        assertThat(pending.size()).isZero();
    }

    @Test
    void aResponseForAnUnknownIdIsReportedAsUnknown() {
        PendingRequests pending = new PendingRequests();
        assertThat(pending.complete(Response.success(RequestId.of(99), Map.of()))).isFalse();
    }

    @Test
    void idsAreNeverReused() {
        PendingRequests pending = new PendingRequests();
        assertThat(pending.next()).isNotEqualTo(pending.next());
    }

    @Test
    void registeringAPendingIdTwiceFails() {
        PendingRequests pending = new PendingRequests();
        pending.register(RequestId.of("a"));
        assertThatThrownBy(() -> pending.register(RequestId.of("a"))).hasMessageContaining("already pending");
    }

    @Test
    void abandonedAndFailedRequestsLeaveNothingBehind() {
        PendingRequests pending = new PendingRequests();
        CompletableFuture<Response> abandoned = pending.register(RequestId.of(1));
        CompletableFuture<Response> failed = pending.register(RequestId.of(2));

        pending.abandon(RequestId.of(1));
        pending.failAll(new IllegalStateException("closed"));

        assertThat(abandoned).isCancelled();
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasMessageContaining("closed");
        assertThat(pending.size()).isZero();
    }
}
