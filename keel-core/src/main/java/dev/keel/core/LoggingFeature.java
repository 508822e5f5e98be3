package dev.keel.core;

import dev.keel.spec.EmptyResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.SetLevelRequestParams;

/**
 * Logging: a legacy session's {@code logging/setLevel}. (A 2026-07-28 request names its level in its
 * own {@code _meta}, read by era resolution.) Handlers log through their call, which sends at or above
 * the level in force.
 */
final class LoggingFeature implements Feature {

    private final Stores stores;

    LoggingFeature(Stores stores) {
        this.stores = stores;
    }

    @Override
    public void addRoutes(Router router) {
        router.add(McpMethods.LOGGING_SET_LEVEL, Router.Era.LEGACY, (call, context) -> {
            SetLevelRequestParams params = Params.bind(call.params(), SetLevelRequestParams.class,
                    McpMethods.LOGGING_SET_LEVEL);
            if (params.level() == null) {
                throw McpException.invalidParams("Invalid params: logging/setLevel needs a level");
            }
            context.scope.session().logLevel(params.level());
            return EmptyResult.instance();
        }, stores::writesBlock);
    }
}
