package dev.keel.transport.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the server
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/security_best_practices">DNS rebinding</a>):
 * a request whose {@code Origin} header names another is refused with 403. Requests without an
 * {@code Origin} (not sent by a browser) pass; authentication is what guards them.
 *
 * <p>The default, {@link #loopback()}, admits pages served from this machine ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}, any port, http or https) and nothing else.
 */
public final class OriginPolicy {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final boolean any;
    private final boolean loopback;
    private final Set<String> origins;

    private OriginPolicy(boolean any, boolean loopback, Set<String> origins) {
        this.any = any;
        this.loopback = loopback;
        this.origins = origins;
    }

    /** Pages served from this machine, on any port. */
    public static OriginPolicy loopback() {
        return new OriginPolicy(false, true, Set.of());
    }

    /**
     * Exactly these origins ({@code scheme://host[:port]}, compared without regard to case), and no
     * others; {@code "*"} admits every origin, which only a server that authenticates every request
     * should do.
     *
     * @throws IllegalArgumentException if an entry is not an origin
     */
    public static OriginPolicy of(Collection<String> origins) {
        if (origins.contains("*")) {
            return new OriginPolicy(true, false, Set.of());
        }
        for (String origin : origins) {
            URI uri = parse(origin);
            if (uri == null || uri.getScheme() == null || uri.getHost() == null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
                throw new IllegalArgumentException("'" + origin + "' is not an origin (scheme://host[:port])");
            }
        }
        return new OriginPolicy(false, false, origins.stream().map(o -> o.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** This policy's origins, and pages served from this machine too. */
    public OriginPolicy andLoopback() {
        return new OriginPolicy(any, true, origins);
    }

    /** Whether a request with this {@code Origin} header (null if it has none) may proceed. */
    public boolean allows(String origin) {
        if (origin == null || any) {
            return true;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (origins.contains(normalized)) {
            return true;
        }
        if (loopback) {
            URI uri = parse(normalized);
            return uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost())
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null;
        }
        return false;
    }

    private static URI parse(String origin) {
        try {
            return new URI(origin);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return any ? "any origin" : (loopback ? "loopback origins" : "") + (origins.isEmpty() ? "" : " " + origins);
    }
}
