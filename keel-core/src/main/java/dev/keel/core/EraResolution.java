package dev.keel.core;

import java.util.HashMap;
import java.util.Map;

import dev.keel.jsonrpc.Response;
import dev.keel.spec.InitializeRequestParams;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Result;
import tools.jackson.core.JacksonException;

/**
 * The engine's first step: decides which protocol era and revision serve the request and fills the
 * {@link CallContext} from it
 * (<a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">versioning</a>).
 *
 * <ul>
 *   <li>{@code io.modelcontextprotocol/protocolVersion} in {@code params._meta}: modern (below), whatever
 *       the method, so an {@code initialize} sent the 2026-07-28 way is a method that does not exist;
 *   <li>{@code initialize}: legacy; the revision is negotiated here (the requested one if Keel
 *       serves it as a legacy revision, else the newest legacy revision).
 *   <li>for a modern request, the version must be one Keel serves statelessly ({@code -32022} otherwise) and
 *       {@code clientCapabilities} must be present ({@code -32602} otherwise).
 *   <li>otherwise, on a connection with a legacy session: that session's revision.
 *   <li>otherwise {@code -32602}: the request says nothing of its era and no session exists (a
 *       {@code ping} before {@code initialize} is answered, as the lifecycle allows).
 * </ul>
 * On the way back it puts {@code io.modelcontextprotocol/serverInfo} into the {@code _meta} of modern
 * results, unless configured not to.
 */
final class EraResolution implements Middleware {

    private final EngineSettings settings;
    private final ParamsReader.Binders binders;
    private final Map<String, Object> serverInfoMeta;

    EraResolution(EngineSettings settings, ParamsReader.Binders binders) {
        this.settings = settings;
        this.binders = binders;
        this.serverInfoMeta = Map.of(MetaKeys.SERVER_INFO, settings.serverInfo());
    }

    @Override
    public String name() {
        return "era-resolution";
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public Response handle(Call call, Chain chain) {
        CallContext context = call.context();
        ToolCallParams ahead = ToolCallParams.of(call);
        RequestMeta meta = ahead != null ? ahead.meta() : RequestMeta.of(call.params(), binders);
        if (meta.protocolVersion() != null) {
            // modern even for initialize, which 2026-07-28 does not know: -32601, as it requires
            HeaderChecks.versionAndMethod(context, meta.protocolVersion(), call.method());
            modern(meta, context);
        } else if (McpMethods.INITIALIZE.equals(call.method())) {
            negotiate(call, context);
            context.requestMeta(meta.progressToken(), null);
        } else if (meta.clientCapabilities() != null) {
            throw McpException.invalidParams("Invalid params: params._meta lacks " + MetaKeys.PROTOCOL_VERSION);
        } else {
            LegacySession session = context.scope.session();
            if (session != null) {
                context.resolve(session.version, session.clientCapabilities, session.clientInfo);
                context.sessionId(session.id);
                context.requestMeta(meta.progressToken(), null);
                session.touch();
            } else if (McpMethods.PING.equals(call.method())) {
                context.resolve(ProtocolVersion.LATEST_LEGACY, null, null);
            } else {
                throw McpException.invalidParams("Invalid params: the request carries no "
                        + MetaKeys.PROTOCOL_VERSION + " in params._meta and no session was initialized; send "
                        + "per-request _meta (2026-07-28) or initialize first");
            }
        }
        return finish(chain.proceed(call), context);
    }

    /** {@code response} as a client of the request's revision receives it: modern results carry serverInfo. */
    Response finish(Response response, CallContext context) {
        if (settings.serverInfoInResults() && context.isModern() && response instanceof Response.Success success
                && success.result() instanceof Result result) {
            return Response.success(success.id(), withServerInfo(result));
        }
        return response;
    }

    private Result withServerInfo(Result result) {
        Map<String, Object> meta = result.meta();
        if (meta == null || meta.isEmpty()) {
            return result.withMeta(serverInfoMeta);
        }
        if (meta.containsKey(MetaKeys.SERVER_INFO)) {
            return result;
        }
        Map<String, Object> merged = new HashMap<>(meta);
        merged.put(MetaKeys.SERVER_INFO, settings.serverInfo());
        return result.withMeta(merged);
    }

    private void modern(RequestMeta meta, CallContext context) {
        ProtocolVersion version = ProtocolVersion.of(meta.protocolVersion()).filter(ProtocolVersion::isModern)
                .orElseThrow(() -> McpException.unsupportedProtocolVersion(meta.protocolVersion(),
                        ProtocolVersion.supportedIds()));
        if (meta.clientCapabilities() == null) {
            throw McpException.invalidParams("Invalid params: params._meta lacks " + MetaKeys.CLIENT_CAPABILITIES);
        }
        LoggingLevel level = null;
        if (meta.logLevel() != null) {
            level = LoggingLevel.of(meta.logLevel()).orElseThrow(() -> McpException.invalidParams(
                    "Invalid params: unknown log level '" + meta.logLevel() + "' in params._meta"));
        }
        context.resolve(version, meta.clientCapabilities(), meta.clientInfo());
        context.requestMeta(meta.progressToken(), level);
    }

    private void negotiate(Call call, CallContext context) {
        if (call.params() == null) {
            throw McpException.invalidParams("Invalid params: initialize needs params");
        }
        InitializeRequestParams params;
        try {
            params = call.params().bind(InitializeRequestParams.class);
        } catch (JacksonException e) {
            throw Failures.bindingFailure("initialize params are malformed", e);
        }
        if (params.protocolVersion() == null) {
            throw McpException.invalidParams("Invalid params: initialize needs a protocolVersion");
        }
        if (params.capabilities() == null) {
            throw McpException.invalidParams("Invalid params: initialize needs the client's capabilities");
        }
        ProtocolVersion version = ProtocolVersion.of(params.protocolVersion())
                .filter(v -> !v.isModern())
                .orElse(ProtocolVersion.LATEST_LEGACY);
        context.resolve(version, params.capabilities(), params.clientInfo());
    }
}
