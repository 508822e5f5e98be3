package dev.keel.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.ServerEvent;
import dev.keel.spec.EmptyResult;
import dev.keel.spec.ListResourceTemplatesResult;
import dev.keel.spec.ListResourcesResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.ReadResourceRequestParams;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Result;
import dev.keel.spec.SubscribeRequestParams;

/**
 * Resources: the registries of resources and templates, {@code resources/list},
 * {@code resources/templates/list}, {@code resources/read}, and a legacy session's
 * {@code resources/subscribe} and {@code resources/unsubscribe} (written through the session store:
 * they wait for it when it may block). A missing resource is {@code -32602}
 * with {@code data.uri} in 2026-07-28 and {@code -32002} in legacy sessions.
 */
final class ResourcesFeature implements Feature {

    record ResourceEntry(Resource resource, ResourceHandler handler) {
    }

    record TemplateEntry(ResourceTemplate template, UriTemplate matcher, ResourceHandler handler) {
    }

    private final Registry<ResourceEntry> resources;
    private final Registry<TemplateEntry> templates;
    private final EngineSettings settings;
    private final Paging paging;
    private final InputRounds rounds;
    private final Stores stores;

    ResourcesFeature(EngineSettings settings, Paging paging, InputRounds rounds, EventBus events, Stores stores) {
        this.stores = stores;
        this.settings = settings;
        this.paging = paging;
        this.rounds = rounds;
        Runnable changed = () -> events.publish(new ServerEvent.ResourcesChanged());
        this.resources = new Registry<>("resource", changed);
        this.templates = new Registry<>("resource template", changed);
    }

    @Override
    public void addRoutes(Router router) {
        router.add(McpMethods.RESOURCES_LIST, Router.Era.BOTH, this::list, Router.NEVER);
        router.add(McpMethods.RESOURCES_TEMPLATES_LIST, Router.Era.BOTH, this::listTemplates, Router.NEVER);
        router.add(McpMethods.RESOURCES_READ, Router.Era.BOTH, this::read, Router.ALWAYS, Deadlines.requestTimeout(settings));
        router.add(McpMethods.RESOURCES_SUBSCRIBE, Router.Era.LEGACY, (call, context) -> {
            context.scope.session().subscribe(uri(call, McpMethods.RESOURCES_SUBSCRIBE),
                    settings.inputLimits().maxSubscriptions());
            return EmptyResult.instance();
        }, stores::writesBlock);
        router.add(McpMethods.RESOURCES_UNSUBSCRIBE, Router.Era.LEGACY, (call, context) -> {
            context.scope.session().unsubscribe(uri(call, McpMethods.RESOURCES_UNSUBSCRIBE));
            return EmptyResult.instance();
        }, stores::writesBlock);
    }

    void add(Resource resource, ResourceHandler handler) {
        requireUri(resource.uri(), "resource");
        MetaKeys.requireValid(resource.meta());
        resources.add(resource.uri(), new ResourceEntry(resource, handler));
    }

    boolean remove(String uri) {
        return resources.remove(uri);
    }

    void addTemplate(ResourceTemplate template, ResourceHandler handler) {
        MetaKeys.requireValid(template.meta());
        templates.add(template.uriTemplate(), new TemplateEntry(template, new UriTemplate(template.uriTemplate()),
                handler));
    }

    boolean removeTemplate(String uriTemplate) {
        return templates.remove(uriTemplate);
    }

    /** Whether {@code uri} names a registered resource or template (what a completion may refer to). */
    boolean knows(String uri) {
        return templates.get(uri) != null || resources.get(uri) != null;
    }

    private Result list(Call call, CallContext context) {
        Paging.Page<ResourceEntry> page = paging.page(call, "resources", resources.values());
        return new ListResourcesResult(page.items().stream().map(ResourceEntry::resource).toList(), page.next(),
                settings.listTtlMs(), settings.cacheScope(), null);
    }

    private Result listTemplates(Call call, CallContext context) {
        Paging.Page<TemplateEntry> page = paging.page(call, "templates", templates.values());
        return new ListResourceTemplatesResult(page.items().stream().map(TemplateEntry::template).toList(),
                page.next(), settings.listTtlMs(), settings.cacheScope(), null);
    }

    private Result read(Call call, CallContext context) throws Exception {
        ReadResourceRequestParams params = Params.bind(call.params(), ReadResourceRequestParams.class,
                McpMethods.RESOURCES_READ);
        String uri = settings.inputLimits().uri(params.uri(), "resources/read params.uri");
        if (uri == null) {
            throw McpException.invalidParams("Invalid params: resources/read needs a uri");
        }
        HeaderChecks.name(context, uri);
        return rounds.run(context, McpMethods.RESOURCES_READ, uri, null, params.requestState(), params.inputResponses(),
                () -> read(context, uri));
    }

    private Result read(CallContext context, String uri) throws Exception {
        ReadResourceResult result = null;
        ResourceEntry resource = resources.get(uri);
        if (resource != null) {
            result = resource.handler().read(new HandlerViews.ResourceCallImpl(context, uri, Map.of()));
        } else {
            for (TemplateEntry template : templates.values()) {
                Map<String, String> variables = template.matcher().match(uri);
                if (variables != null) {
                    result = template.handler().read(new HandlerViews.ResourceCallImpl(context, uri, variables));
                    break;
                }
            }
            if (result == null) {
                throw McpException.resourceNotFound(uri);
            }
        }
        if (result == null || result.contents().isEmpty()) {
            throw new IllegalStateException("the handler of resource " + uri + " returned no contents");
        }
        return result.withCache(settings.readTtlMs(), settings.cacheScope());
    }

    private String uri(Call call, String method) {
        SubscribeRequestParams params = Params.bind(call.params(), SubscribeRequestParams.class, method);
        try {
            new URI(settings.inputLimits().uri(params.uri(), method + " params.uri"));
        } catch (URISyntaxException | NullPointerException e) {
            throw McpException.invalidParams("Invalid params: " + method + " needs a valid uri");
        }
        return params.uri();
    }

    /** Refuses a URI that is not an absolute RFC 3986 URI. */
    private static void requireUri(String uri, String what) {
        try {
            if (!new URI(uri).isAbsolute()) {
                throw new IllegalArgumentException("the " + what + " URI " + uri + " has no scheme");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the " + what + " URI " + uri + " is not a valid URI: " + e.getReason(), e);
        }
    }
}
