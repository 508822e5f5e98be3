package dev.keel.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.keel.jsonrpc.Notification;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.Implementation;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Root;

/**
 * What an {@link McpClient} says about itself, which revision it speaks, how long it waits, and how it
 * answers the server's questions; the capabilities it declares follow from the handlers given, unless
 * {@linkplain #withCapabilities declared} outright.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.named("my-agent", "1.0.0")
 *         .withTimeout(Duration.ofSeconds(30))
 *         .withElicitation(question -> ElicitResult.accept(Map.of("name", "Ada")))
 *         .withRoots(List.of(Root.of("file:///work/project")));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with…} returns a copy. The handlers are called on virtual
 * threads of the client's, possibly several at once.
 */
public final class ClientOptions {
    private final Implementation clientInfo;
    private final Duration timeout;
    private final ProtocolVersion version;
    private final ClientCapabilities capabilities;
    private final Function<ElicitRequestParams, ElicitResult> elicitation;
    private final Function<CreateMessageRequestParams, CreateMessageResult> sampling;
    private final List<Root> roots;
    private final Consumer<Notification> notifications;
    private final ClientCapabilities declared;

    private ClientOptions(Implementation clientInfo, Duration timeout, ProtocolVersion version,
            ClientCapabilities capabilities, Function<ElicitRequestParams, ElicitResult> elicitation,
            Function<CreateMessageRequestParams, CreateMessageResult> sampling, List<Root> roots,
            Consumer<Notification> notifications) {
        this.clientInfo = Objects.requireNonNull(clientInfo, "clientInfo");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.version = version;
        this.capabilities = capabilities;
        this.elicitation = elicitation;
        this.sampling = sampling;
        this.roots = roots == null ? null : List.copyOf(roots);
        this.notifications = notifications;
        this.declared = capabilities != null ? capabilities : Answers.implied(elicitation, sampling, this.roots);
    }

    /** A client called {@code clientInfo}, negotiating its revision, answering no questions, waiting up to a minute per request. */
    public static ClientOptions of(Implementation clientInfo) {
        return new ClientOptions(clientInfo, Duration.ofMinutes(1), null, null, null, null, null, null);
    }

    /** As {@link #of}, for a client named {@code name} at {@code version}. */
    public static ClientOptions named(String name, String version) {
        return of(Implementation.of(name, version));
    }

    /** How long to wait for each answer. */
    public ClientOptions withTimeout(Duration wait) {
        return new ClientOptions(clientInfo, wait, version, capabilities, elicitation, sampling, roots, notifications);
    }

    /** Speaks {@code revision} instead of negotiating: 2026-07-28, or a legacy revision {@code initialize} asks for. */
    public ClientOptions withVersion(ProtocolVersion revision) {
        return new ClientOptions(clientInfo, timeout, Objects.requireNonNull(revision, "revision"), capabilities,
                elicitation, sampling, roots, notifications);
    }

    /** Declares {@code declared} instead of the capabilities the handlers imply. */
    public ClientOptions withCapabilities(ClientCapabilities declared) {
        return new ClientOptions(clientInfo, timeout, version, Objects.requireNonNull(declared, "declared"), elicitation,
                sampling, roots, notifications);
    }

    /** Answers elicitations with {@code handler}; a {@code null} answer is none (a user who never responds). */
    public ClientOptions withElicitation(Function<ElicitRequestParams, ElicitResult> handler) {
        return new ClientOptions(clientInfo, timeout, version, capabilities, handler, sampling, roots, notifications);
    }

    /** Answers sampling requests with {@code handler}; a {@code null} answer is none. */
    public ClientOptions withSampling(Function<CreateMessageRequestParams, CreateMessageResult> handler) {
        return new ClientOptions(clientInfo, timeout, version, capabilities, elicitation, handler, roots, notifications);
    }

    /** Answers roots requests with {@code list}. */
    public ClientOptions withRoots(List<Root> list) {
        return new ClientOptions(clientInfo, timeout, version, capabilities, elicitation, sampling, list, notifications);
    }

    /**
     * Hands every notification the server sends to {@code listener}, on the thread that delivers it:
     * the listener must be thread-safe and quick.
     */
    public ClientOptions withNotifications(Consumer<Notification> listener) {
        return new ClientOptions(clientInfo, timeout, version, capabilities, elicitation, sampling, roots, listener);
    }

    /** The client's name and version, as the server sees them. */
    public Implementation clientInfo() {
        return clientInfo;
    }

    /** How long the client waits for each answer. */
    public Duration timeout() {
        return timeout;
    }

    /** The revision the client speaks, or empty if it negotiates. */
    public Optional<ProtocolVersion> version() {
        return Optional.ofNullable(version);
    }

    /** The capabilities the client declares: as given, or those its handlers imply. */
    public ClientCapabilities capabilities() {
        return declared;
    }

    Function<ElicitRequestParams, ElicitResult> elicitation() {
        return elicitation;
    }

    Function<CreateMessageRequestParams, CreateMessageResult> sampling() {
        return sampling;
    }

    List<Root> roots() {
        return roots;
    }

    Consumer<Notification> notifications() {
        return notifications;
    }
}
