package dev.keel.core;

import java.util.List;
import java.util.Map;

import dev.keel.spec.CompleteRequestParams;
import dev.keel.spec.CompleteResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.PromptReference;
import dev.keel.spec.ResourceTemplateReference;
import dev.keel.spec.Result;

/**
 * {@code completion/complete}: the completers registered for a prompt's arguments and a resource
 * template's variables. The reference must name a prompt argument or a resource the server has.
 */
final class CompletionFeature implements Feature {

    private final Map<String, Completer> completers;
    private final PromptsFeature prompts;
    private final ResourcesFeature resources;
    private final InputLimits limits;

    CompletionFeature(Map<String, Completer> completers, PromptsFeature prompts, ResourcesFeature resources,
            InputLimits limits) {
        this.completers = Map.copyOf(completers);
        this.prompts = prompts;
        this.resources = resources;
        this.limits = limits;
    }

    @Override
    public void addRoutes(Router router) {
        router.add(McpMethods.COMPLETION_COMPLETE, Router.Era.BOTH, this::complete, Router.ALWAYS);
    }

    private Result complete(Call call, CallContext context) throws Exception {
        CompleteRequestParams params = Params.bind(call.params(), CompleteRequestParams.class,
                McpMethods.COMPLETION_COMPLETE);
        String type;
        String name;
        limits.name(params.argument().name(), "completion/complete params.argument.name");
        switch (params.ref()) {
            case PromptReference prompt -> {
                type = "ref/prompt";
                name = limits.name(prompt.name(), "completion/complete params.ref.name");
                prompts.requireArgument(name, params.argument().name());
            }
            case ResourceTemplateReference template -> {
                type = "ref/resource";
                name = limits.uri(template.uri(), "completion/complete params.ref.uri");
                if (!resources.knows(name)) {
                    throw McpException.invalidParams("Unknown resource template: " + name);
                }
            }
        }
        Completer completer = completers.get(McpServer.Builder.completionKey(type, name, params.argument().name()));
        if (completer == null) {
            return CompleteResult.of(List.of());
        }
        Map<String, String> resolved = params.context() == null || params.context().arguments() == null ? Map.of()
                : Map.copyOf(params.context().arguments());
        List<String> values = completer.complete(new HandlerViews.CompletionCallImpl(context, params.argument().name(),
                params.argument().value(), resolved));
        return CompleteResult.of(values == null ? List.of() : values);
    }
}
