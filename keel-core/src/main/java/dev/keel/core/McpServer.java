package dev.keel.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.ComponentScanner;
import dev.keel.core.spi.Connector;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.spec.Icon;
import dev.keel.spec.Implementation;
import dev.keel.spec.Prompt;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;

/**
 * An MCP server: tools, resources and prompts behind one engine that speaks every protocol revision
 * from 2024-11-05 to 2026-07-28. Transports reach it through its {@link #connector()}.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder()
 *         .name("weather").version("1.0.0")
 *         .tool(Tool.builder("forecast").inputSchema(schema).build(),
 *               call -> CallToolResult.text(forecast(call.arguments().path("city").asString())))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe. Tools, resources and prompts may be added and removed while the server runs;
 * lists keep registration order.
 */
public interface McpServer extends AutoCloseable {

    /** Starts building a server. */
    static Builder builder() {
        return new Builder();
    }

    /** The server's name and version, as clients see them. */
    Implementation serverInfo();

    /** The codec (and mapper) the server reads and writes with. */
    JsonRpcCodec codec();

    /**
     * What transports talk to: opens a {@link Channel} per connection. Kept apart from
     * the rest of this interface, which is what applications build with.
     */
    Connector connector();

    /**
     * Adds a tool.
     *
     * @throws IllegalArgumentException if a tool of that name exists
     */
    <A, R> void addTool(Tool<A, R> tool, ToolHandler<A, R> handler);

    /** Removes the tool named {@code name}; {@code false} if there was none. */
    boolean removeTool(String name);

    /**
     * Adds a resource.
     *
     * @throws IllegalArgumentException if a resource with that URI exists
     */
    void addResource(Resource resource, ResourceHandler handler);

    /** Removes the resource with {@code uri}; {@code false} if there was none. */
    boolean removeResource(String uri);

    /**
     * Adds a resource template; reads of URIs it matches go to {@code handler}.
     *
     * @throws IllegalArgumentException if a template with that URI template exists
     */
    void addResourceTemplate(ResourceTemplate template, ResourceHandler handler);

    /** Removes the template with {@code uriTemplate}; {@code false} if there was none. */
    boolean removeResourceTemplate(String uriTemplate);

    /**
     * Adds a prompt.
     *
     * @throws IllegalArgumentException if a prompt of that name exists
     */
    void addPrompt(Prompt prompt, PromptHandler handler);

    /** Removes the prompt named {@code name}; {@code false} if there was none. */
    boolean removePrompt(String name);

    /**
     * Tells clients that subscribed to {@code uri} (legacy {@code resources/subscribe}, or a
     * 2026-07-28 listen stream) that the resource changed.
     */
    void notifyResourceUpdated(String uri);

    /**
     * Registers the tools, resources and prompts {@code component} declares: its methods annotated
     * {@code @Tool}, {@code @Resource} and {@code @Prompt}, with {@code keel-annotations} on the class path.
     * Either everything it declares is registered, or nothing is.
     *
     * <pre>{@code
     * server.register(new WeatherTools());
     * }</pre>
     *
     * @throws IllegalArgumentException if a declaration is wrong (the message names the method), if the
     *     object declares nothing, or if a name it declares is already registered
     * @throws IllegalStateException if no {@link ComponentScanner} is on the class path
     */
    default void register(Object component) {
        Objects.requireNonNull(component, "component");
        ComponentScanner.installed().orElseThrow(() -> new IllegalStateException("registering the annotated methods of "
                + component.getClass().getName() + " needs keel-annotations on the class path"))
                .register(component, this);
    }

    /** The tools, in registration order. */
    List<dev.keel.spec.Tool> tools();

    /** Closes every open channel, cancelling what runs on it. */
    @Override
    void close();

    /**
     * Builds a {@link McpServer}; not thread-safe. Every setting has a sensible default; only the
     * server's name and version deserve to be set by every application.
     */
    final class Builder extends ServerOptions<Builder> {
        String name = "keel";
        String version = "0.1.0";
        String title;
        String description;
        String websiteUrl;
        List<Icon> icons;
        String instructions;
        final List<Registration> registrations = new ArrayList<>();
        final List<Middleware> middleware = new ArrayList<>();
        final Map<String, Completer> completers = new LinkedHashMap<>();

        Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The server's programmatic name (default {@code keel}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The server's version (default {@code 0.1.0}). */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** A display name. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** What the server is, for people (2025-11-25 and later). */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The server's home page (2025-11-25 and later). */
        public Builder websiteUrl(String websiteUrl) {
            this.websiteUrl = websiteUrl;
            return this;
        }

        /** The server's icons (2025-11-25 and later). */
        public Builder icons(List<Icon> icons) {
            this.icons = List.copyOf(icons);
            return this;
        }

        /** Guidance for the model on using this server as a whole (not a copy of tool descriptions). */
        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        /** Registers a tool. */
        public <A, R> Builder tool(Tool<A, R> tool, ToolHandler<A, R> handler) {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addTool(tool, handler));
            return this;
        }

        /**
         * Registers the tools, resources and prompts {@code component} declares, when the server is built; see
         * {@link McpServer#register(Object)}.
         */
        public Builder register(Object component) {
            Objects.requireNonNull(component, "component");
            registrations.add(server -> server.register(component));
            return this;
        }

        /** Registers a resource. */
        public Builder resource(Resource resource, ResourceHandler handler) {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addResource(resource, handler));
            return this;
        }

        /** Registers a resource template. */
        public Builder resourceTemplate(ResourceTemplate template, ResourceHandler handler) {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addResourceTemplate(template, handler));
            return this;
        }

        /** Registers a prompt. */
        public Builder prompt(Prompt prompt, PromptHandler handler) {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(handler, "handler");
            registrations.add(server -> server.addPrompt(prompt, handler));
            return this;
        }

        /**
         * Completes argument {@code argument} of prompt {@code prompt} with {@code completer}
         * ({@code completion/complete} with a {@code ref/prompt}).
         */
        public Builder promptCompletion(String prompt, String argument, Completer completer) {
            completers.put(completionKey("ref/prompt", prompt, argument), Objects.requireNonNull(completer, "completer"));
            return this;
        }

        /**
         * Completes variable {@code variable} of the resource template {@code uriTemplate} with
         * {@code completer} ({@code completion/complete} with a {@code ref/resource}).
         */
        public Builder resourceCompletion(String uriTemplate, String variable, Completer completer) {
            completers.put(completionKey("ref/resource", uriTemplate, variable),
                    Objects.requireNonNull(completer, "completer"));
            return this;
        }

        static String completionKey(String type, String name, String argument) {
            return type + '\u0000' + Objects.requireNonNull(name, "name") + '\u0000'
                    + Objects.requireNonNull(argument, "argument");
        }

        /** Adds middleware; the first added runs outermost. */
        public Builder middleware(Middleware... middleware) {
            for (Middleware m : middleware) {
                this.middleware.add(Objects.requireNonNull(m, "middleware"));
            }
            return this;
        }

        /** The server. */
        public McpServer build() {
            return new DefaultMcpServer(this);
        }

        @FunctionalInterface
        interface Registration {
            void apply(McpServer server);
        }
    }
}
