package dev.keel.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.ServerEvent;
import dev.keel.spec.GetPromptRequestParams;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.ListPromptsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.Result;
import tools.jackson.databind.json.JsonMapper;

/** Prompts: the registry, {@code prompts/list} and {@code prompts/get}. */
final class PromptsFeature implements Feature {

    record PromptEntry(Prompt prompt, PromptHandler handler) {
    }

    private final Registry<PromptEntry> prompts;
    private final EngineSettings settings;
    private final Paging paging;
    private final InputRounds rounds;
    private final JsonMapper mapper;

    PromptsFeature(EngineSettings settings, Paging paging, InputRounds rounds, JsonMapper mapper, EventBus events) {
        this.settings = settings;
        this.paging = paging;
        this.rounds = rounds;
        this.mapper = mapper;
        this.prompts = new Registry<>("prompt", () -> events.publish(new ServerEvent.PromptsChanged()));
    }

    @Override
    public void addRoutes(Router router) {
        router.add(McpMethods.PROMPTS_LIST, Router.Era.BOTH, this::list, Router.NEVER);
        router.add(McpMethods.PROMPTS_GET, Router.Era.BOTH, this::get, Router.ALWAYS, Deadlines.requestTimeout(settings));
    }

    void add(Prompt prompt, PromptHandler handler) {
        MetaKeys.requireValid(prompt.meta());
        prompts.add(prompt.name(), new PromptEntry(prompt, handler));
    }

    boolean remove(String name) {
        return prompts.remove(name);
    }

    /**
     * Checks that prompt {@code name} exists and declares {@code argument} (what a completion refers
     * to); invalid params if not.
     */
    void requireArgument(String name, String argument) {
        PromptEntry entry = prompts.get(name);
        if (entry == null) {
            throw McpException.invalidParams("Unknown prompt: " + name);
        }
        boolean declared = entry.prompt().arguments() != null && entry.prompt().arguments().stream()
                .anyMatch(a -> a.name().equals(argument));
        if (!declared) {
            throw McpException.invalidParams("Prompt " + name + " has no argument " + argument);
        }
    }

    private Result list(Call call, CallContext context) {
        Paging.Page<PromptEntry> page = paging.page(call, "prompts", prompts.values());
        return new ListPromptsResult(page.items().stream().map(PromptEntry::prompt).toList(), page.next(),
                settings.listTtlMs(), settings.cacheScope(), null);
    }

    private Result get(Call call, CallContext context) throws Exception {
        GetPromptRequestParams params = Params.bind(call.params(), GetPromptRequestParams.class, McpMethods.PROMPTS_GET);
        if (settings.inputLimits().name(params.name(), "prompts/get params.name") == null) {
            throw McpException.invalidParams("Invalid params: prompts/get needs the name of a prompt");
        }
        HeaderChecks.name(context, params.name());
        PromptEntry entry = prompts.get(params.name());
        if (entry == null) {
            throw McpException.invalidParams("Unknown prompt: " + params.name());
        }
        Map<String, String> arguments = params.arguments() == null ? Map.of() : params.arguments();
        if (entry.prompt().arguments() != null) {
            for (PromptArgument argument : entry.prompt().arguments()) {
                if (Boolean.TRUE.equals(argument.required()) && arguments.get(argument.name()) == null) {
                    throw McpException.invalidParams("Missing required argument: " + argument.name());
                }
            }
        }
        return rounds.run(context, McpMethods.PROMPTS_GET, params.name(), mapper.valueToTree(arguments),
                params.requestState(), params.inputResponses(), () -> {
                    GetPromptResult result = entry.handler().get(new HandlerViews.PromptCallImpl(context, params.name(),
                            Collections.unmodifiableMap(new LinkedHashMap<>(arguments))));
                    if (result == null) {
                        throw new IllegalStateException("prompt " + params.name() + " returned null");
                    }
                    return result.adaptTo(context.protocolVersion());
                });
    }
}
