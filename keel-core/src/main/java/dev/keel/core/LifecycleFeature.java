package dev.keel.core;

import dev.keel.spec.DiscoverResult;
import dev.keel.spec.EmptyResult;
import dev.keel.spec.InitializeResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Result;

/**
 * Discovery and initialization: 2026-07-28's {@code server/discover}; the legacy {@code initialize},
 * which opens the connection's session (its revision negotiated by era resolution), and
 * {@code ping}.
 */
final class LifecycleFeature implements Feature {

    private final EngineSettings settings;
    private final Stores stores;

    LifecycleFeature(EngineSettings settings, Stores stores) {
        this.settings = settings;
        this.stores = stores;
    }

    @Override
    public void addRoutes(Router router) {
        router.add(McpMethods.INITIALIZE, Router.Era.LEGACY, this::initialize, stores::writesBlock);
        router.add(McpMethods.PING, Router.Era.LEGACY, (call, context) -> EmptyResult.instance(), Router.NEVER);
        router.add(McpMethods.SERVER_DISCOVER, Router.Era.MODERN, (call, context) -> new DiscoverResult(
                ProtocolVersion.supportedIds(), settings.capabilities(), settings.instructions(),
                settings.discoverTtlMs(), settings.cacheScope(), null), Router.NEVER);
    }

    private Result initialize(Call call, CallContext context) {
        LegacySession session = LegacySession.open(stores, context);
        if (!context.scope.openSession(session)) {
            session.end();
            throw McpException.invalidRequest("Invalid Request: this connection's session is already initialized");
        }
        context.sessionId(session.id);
        return new InitializeResult(session.version.id(), settings.capabilities(), settings.serverInfo(),
                settings.instructions(), null);
    }
}
