package dev.keel.spec;

/**
 * A result a client may cache (2026-07-28): discover, the lists, and resource reads. Legacy
 * revisions never see {@code ttlMs} or {@code cacheScope}.
 */
public interface CacheableResult extends Result {

    /** How long, in milliseconds, the client may reuse the result; {@code null} until set. */
    Long ttlMs();

    /** Who may reuse the result; {@code null} until set. */
    CacheScope cacheScope();

    /** A copy with the given caching hints. */
    CacheableResult withCache(long ttlMs, CacheScope cacheScope);
}
