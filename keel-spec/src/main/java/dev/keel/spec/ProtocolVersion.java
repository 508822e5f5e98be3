package dev.keel.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MCP protocol revisions Keel serves, oldest first.
 *
 * <p>2026-07-28 is <em>modern</em>: stateless, with protocol version and client capabilities in
 * every request's {@code _meta}. The others are <em>legacy</em>: negotiated once by
 * {@code initialize} for a session (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">versioning</a>).
 */
public enum ProtocolVersion {
    /** The first published revision: stdio and HTTP+SSE. */
    V2024_11_05("2024-11-05", Since.R2024_11_05.class),
    /** Streamable HTTP, batching, tool annotations, audio. */
    V2025_03_26("2025-03-26", Since.R2025_03_26.class),
    /** Structured tool output, elicitation, titles; batching removed. */
    V2025_06_18("2025-06-18", Since.R2025_06_18.class),
    /** Icons, URL elicitation, sampling with tools: the last legacy revision. */
    V2025_11_25("2025-11-25", Since.R2025_11_25.class),
    /** Stateless: server/discover, per-request _meta, multi round-trip requests, subscriptions/listen. */
    V2026_07_28("2026-07-28", Since.R2026_07_28.class);

    /** The newest revision. */
    public static final ProtocolVersion LATEST = V2026_07_28;
    /** The newest revision negotiated with {@code initialize}. */
    public static final ProtocolVersion LATEST_LEGACY = V2025_11_25;

    private static final ProtocolVersion[] NEWEST_FIRST;
    private static final List<String> SUPPORTED;

    static {
        ProtocolVersion[] all = values();
        NEWEST_FIRST = new ProtocolVersion[all.length];
        for (int i = 0; i < all.length; i++) {
            NEWEST_FIRST[i] = all[all.length - 1 - i];
        }
        SUPPORTED = Arrays.stream(NEWEST_FIRST).map(ProtocolVersion::id).toList();
    }

    private final String id;
    private final Class<?> view;

    ProtocolVersion(String id, Class<?> view) {
        this.id = id;
        this.view = view;
    }

    /** The revision's identifier, e.g. {@code "2025-06-18"}. */
    public String id() {
        return id;
    }

    /** The Jackson view that writes exactly the fields this revision knows. */
    public Class<?> view() {
        return view;
    }

    /** Whether this is a stateless revision (2026-07-28 and later). */
    public boolean isModern() {
        return this.compareTo(V2026_07_28) >= 0;
    }

    /** Whether this revision is at least {@code other}. */
    public boolean atLeast(ProtocolVersion other) {
        return compareTo(other) >= 0;
    }

    /** Whether JSON-RPC batches are allowed: only in 2025-03-26. */
    public boolean allowsBatches() {
        return this == V2025_03_26;
    }

    /** The revision with identifier {@code id}, if Keel serves it. */
    public static Optional<ProtocolVersion> of(String id) {
        for (ProtocolVersion v : NEWEST_FIRST) {
            if (v.id.equals(id)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Every identifier Keel serves, newest first (modern before legacy). */
    public static List<String> supportedIds() {
        return SUPPORTED;
    }

    @Override
    public String toString() {
        return id;
    }
}
