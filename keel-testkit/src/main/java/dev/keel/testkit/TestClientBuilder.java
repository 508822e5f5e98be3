package dev.keel.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.core.McpServer;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.Implementation;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Root;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures and connects a {@link McpTestClient}: the revision it speaks, what it declares and how it
 * answers the server's questions, how long it waits, and whether it checks what the server sends.
 * Made by {@link McpTestClient#builder()}; not thread-safe, and each client keeps the settings it was
 * connected with.
 */
public final class TestClientBuilder {

    private static final JsonMapper JSON = JsonRpcCodec.create().mapper();

    private ProtocolVersion version = ProtocolVersion.LATEST;
    private ClientCapabilities capabilities;
    private Implementation clientInfo = Implementation.of("keel-test-client", "1.0.0");
    private Duration timeout = Duration.ofSeconds(10);
    private boolean validate = true;
    private boolean initialize = true;
    private Function<JsonNode, ElicitResult> onElicitation;
    private Function<JsonNode, CreateMessageResult> onSampling;
    private List<Root> roots;
    private boolean autoRetry = true;

    TestClientBuilder() {
    }

    /**
     * Whether a legacy client opens its session on connecting (default true); without it, the
     * test sends {@code initialize} itself.
     */
    public TestClientBuilder initialize(boolean initialize) {
        this.initialize = initialize;
        return this;
    }

    /** The revision to speak (default 2026-07-28). */
    public TestClientBuilder version(ProtocolVersion version) {
        this.version = Objects.requireNonNull(version, "version");
        return this;
    }

    /**
     * The capabilities to declare (default: those of the handlers given to this builder: form and
     * URL elicitation, sampling, roots). Setting them here overrides what the handlers would declare.
     */
    public TestClientBuilder capabilities(ClientCapabilities capabilities) {
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        return this;
    }

    /**
     * Answers elicitations (params as sent) with {@code handler}'s result; declares elicitation. A
     * handler that returns {@code null} never answers (a user who walks away).
     */
    public TestClientBuilder onElicitation(Function<JsonNode, ElicitResult> handler) {
        this.onElicitation = handler;
        return this;
    }

    /** Answers sampling requests (params as sent) with {@code handler}'s result; declares sampling. */
    public TestClientBuilder onSampling(Function<JsonNode, CreateMessageResult> handler) {
        this.onSampling = handler;
        return this;
    }

    /** Answers roots requests with {@code roots}; declares roots. */
    public TestClientBuilder roots(List<Root> roots) {
        this.roots = List.copyOf(roots);
        return this;
    }

    /** Whether input-required results are answered and retried automatically (default true). */
    public TestClientBuilder autoRetry(boolean autoRetry) {
        this.autoRetry = autoRetry;
        return this;
    }

    /** The client info to send. */
    public TestClientBuilder clientInfo(Implementation clientInfo) {
        this.clientInfo = Objects.requireNonNull(clientInfo, "clientInfo");
        return this;
    }

    /** How long to wait for each answer (default 10 s). */
    public TestClientBuilder timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Whether to check server messages against the schema (default true). */
    public TestClientBuilder validate(boolean validate) {
        this.validate = validate;
        return this;
    }

    /** Connects in memory to {@code server}. */
    public McpTestClient connect(McpServer server) {
        return connect(new InProcess(server));
    }

    /** Connects over {@code connection}; legacy clients initialize before this returns. */
    public McpTestClient connect(Connection connection) {
        ProtocolVersion speaking = version;
        Function<JsonNode, ElicitResult> elicitation = onElicitation;
        Function<JsonNode, CreateMessageResult> sampling = onSampling;
        ClientOptions options = ClientOptions.of(clientInfo).withTimeout(timeout).withVersion(speaking)
                .withCapabilities(capabilities != null ? capabilities : new ClientCapabilities(null,
                        roots == null ? null : new ClientCapabilities.Roots(null),
                        sampling == null ? null : new ClientCapabilities.Sampling(Map.of(), Map.of()),
                        elicitation == null ? null : new ClientCapabilities.Elicitation(Map.of(), Map.of()),
                        null))
                .withElicitation(elicitation == null ? null : params -> elicitation.apply(JSON.valueToTree(params)))
                .withSampling(sampling == null ? null : params -> sampling.apply(JSON.valueToTree(params)))
                .withRoots(roots);
        AtomicReference<McpClient> opened = new AtomicReference<>();
        Traffic traffic = new Traffic(connection, validate,
                () -> opened.get() == null ? speaking : opened.get().protocolVersion(), timeout);
        McpClient client = McpClient.open(traffic, options);
        opened.set(client);
        McpTestClient testClient = new McpTestClient(client, traffic, timeout, autoRetry);
        if (!speaking.isModern() && initialize) {
            try {
                testClient.initialize();
            } catch (RuntimeException | AssertionError e) {
                client.close();
                throw e;
            }
        }
        return testClient;
    }
}
