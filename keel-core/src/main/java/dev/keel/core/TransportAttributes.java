package dev.keel.core;

import java.net.InetSocketAddress;

/**
 * What transports know about a request and hand to the engine as {@link CallContext} attributes:
 * middleware reads them (an auth middleware the bearer token, a rate limiter the remote address)
 * without knowing which transport carried the request.
 */
public final class TransportAttributes {

    private TransportAttributes() {
    }

    /** The transport's name: {@code stdio}, {@code http}, {@code websocket}, … */
    public static final CallContext.Key<String> TRANSPORT = CallContext.Key.of("keel.transport", String.class);
    /** The peer's address, for network transports. */
    public static final CallContext.Key<InetSocketAddress> REMOTE_ADDRESS =
            CallContext.Key.of("keel.remoteAddress", InetSocketAddress.class);
    /** The {@code Authorization} header of an HTTP request or WebSocket upgrade, if any. */
    public static final CallContext.Key<String> AUTHORIZATION = CallContext.Key.of("keel.authorization", String.class);
    /** The {@code Origin} header, if any. */
    public static final CallContext.Key<String> ORIGIN = CallContext.Key.of("keel.origin", String.class);
    /**
     * Values carried beside a 2026-07-28 request that must equal it (Streamable HTTP's mirrored
     * headers); the engine checks them.
     */
    public static final CallContext.Key<MirroredHeaders> MIRRORED_HEADERS =
            CallContext.Key.of("keel.mirroredHeaders", MirroredHeaders.class);
}
