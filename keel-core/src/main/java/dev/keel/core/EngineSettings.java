package dev.keel.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.keel.spec.CacheScope;
import dev.keel.spec.Implementation;
import dev.keel.spec.ServerCapabilities;

/**
 * What the builder fixed for the engine, as one immutable value handed to each part that needs it,
 * rather than getters on a central object.
 *
 * @param serverInfo the server's name and version
 * @param instructions what the server tells clients about itself, or null
 * @param capabilities what the server offers
 * @param pageSize the most items on one page of a list
 * @param discoverTtlMs how long a {@code server/discover} result may be cached
 * @param listTtlMs how long a list result may be cached
 * @param readTtlMs how long a resource read may be cached
 * @param cacheScope who may cache results
 * @param serverInfoInResults whether modern results carry {@code io.modelcontextprotocol/serverInfo}
 * @param requestTimeout how long a handler may run unless its tool says otherwise; null for no limit
 * @param clientRequestTimeout how long the server waits for a legacy client's answer
 * @param inputRequestTtl how long a 2026-07-28 {@code requestState} stays valid
 * @param maxInFlightPerChannel the most requests one connection may run at once
 * @param inputLimits the caps on names, URIs and subscriptions
 * @param clock the clock sealed state is dated with
 */
record EngineSettings(
        Implementation serverInfo,
        String instructions,
        ServerCapabilities capabilities,
        int pageSize,
        long discoverTtlMs,
        long listTtlMs,
        long readTtlMs,
        CacheScope cacheScope,
        boolean serverInfoInResults,
        Duration requestTimeout,
        Duration clientRequestTimeout,
        Duration inputRequestTtl,
        int maxInFlightPerChannel,
        InputLimits inputLimits,
        Clock clock) {

    static EngineSettings of(McpServer.Builder builder) {
        return new EngineSettings(
                new Implementation(builder.name, builder.version, builder.title, builder.description, builder.icons,
                        builder.websiteUrl),
                builder.instructions,
                new ServerCapabilities(null, Map.of(), Map.of(), new ServerCapabilities.Prompts(true),
                        new ServerCapabilities.Resources(true, true), new ServerCapabilities.Tools(true), null),
                builder.pageSize,
                builder.discoverTtl.toMillis(),
                builder.listTtl.toMillis(),
                builder.readTtl.toMillis(),
                builder.cacheScope,
                builder.serverInfoInResults,
                builder.requestTimeout.isZero() ? null : builder.requestTimeout,
                builder.clientRequestTimeout,
                builder.inputRequestTtl,
                builder.maxInFlightPerChannel,
                builder.inputLimits,
                Clock.systemUTC());
    }
}
