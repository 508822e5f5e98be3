package dev.keel.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.keel.client.Connection;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire as a test sees it: a {@link Connection} between an {@link dev.keel.client.McpClient} and the
 * real connection. Every message the server sends is checked against the official schema of the
 * revision in use ({@link McpSchemas}, knowing which method a response answers from the requests that
 * went out) and recorded: notifications, server requests, the input requests of input-required
 * results. The {@link RawTap} sends bytes past the client and collects what answers them: every
 * response to a request the client did not send, and every response without an id.
 *
 * <p>Thread-safe.
 */
final class Traffic implements Connection {

    private final Connection connection;
    private final boolean validate;
    private final Supplier<ProtocolVersion> version;
    private final Duration timeout;
    private final JsonMapper mapper = JsonMapper.builder().build();
    /** The method of every request sent (by the client or raw) and not yet answered, by id. */
    private final Map<RequestId, String> methods = new ConcurrentHashMap<>();
    /** The ids of the client's requests not yet answered: their responses are the client's. */
    private final Set<RequestId> clientRequests = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<JsonNode> raw = new LinkedBlockingQueue<>();
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private final List<JsonNode> serverRequests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> inputRequests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Object arrivals = new Object();

    Traffic(Connection connection, boolean validate, Supplier<ProtocolVersion> version, Duration timeout) {
        this.connection = connection;
        this.validate = validate;
        this.version = version;
        this.timeout = timeout;
    }

    // ------------------------------------------------------------------ the client's side

    @Override
    public void start(Consumer<byte[]> client) {
        connection.start(bytes -> receive(bytes, client));
    }

    @Override
    public void send(byte[] message) {
        note(message, true);
        connection.send(message);
    }

    @Override
    public void close() {
        connection.close();
    }

    // ------------------------------------------------------------------ the raw tap

    /** Sends {@code message} past the client: what answers it is not the client's. */
    void sendRaw(byte[] message) {
        note(message, false);
        connection.send(message);
    }

    /** The next answer that is not the client's, waiting up to {@code wait}; {@code null} if none came. */
    JsonNode pollRaw(Duration wait) {
        try {
            return raw.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Notes the requests in an outgoing message (or batch): their methods, and whether they are the client's. */
    private void note(byte[] message, boolean client) {
        JsonNode parsed;
        try {
            parsed = mapper.readTree(message);
        } catch (RuntimeException e) {
            return;  // not JSON: nothing to answer it names a method
        }
        for (JsonNode item : parsed.isArray() ? parsed : List.of(parsed)) {
            RequestId id = item.isObject() && item.has("method") ? idOf(item.get("id")) : null;
            if (id != null) {
                methods.put(id, item.get("method").asString(""));
                if (client) {
                    clientRequests.add(id);
                }
            }
        }
    }

    /** The id a JSON value names, comparable with the ids sent; {@code null} if none. */
    private static RequestId idOf(JsonNode id) {
        if (id == null) {
            return null;
        } else if (id.isString()) {
            return RequestId.of(id.asString());
        }
        return id.isIntegralNumber() && id.canConvertToLong() ? RequestId.of(id.asLong()) : null;
    }

    // ------------------------------------------------------------------ what the server sends

    private void receive(byte[] bytes, Consumer<byte[]> client) {
        JsonNode message;
        try {
            message = mapper.readTree(bytes);
        } catch (RuntimeException e) {
            violations.add("the server sent something that is not JSON: " + new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        boolean forClient = false;
        if (message.isArray()) {
            if (validate && !version.get().allowsBatches()) {
                violations.add("the server sent a batch in protocol revision " + version.get().id() + ": " + message);
            }
            for (JsonNode item : message) {
                forClient |= take(item);
            }
        } else {
            forClient = take(message);
        }
        if (forClient) {
            client.accept(bytes);
        }
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    /** Checks and records one message; whether the client should see it. */
    private boolean take(JsonNode message) {
        if (message.has("result") || message.has("error")) {
            RequestId id = idOf(message.get("id"));
            check(message, id == null ? null : methods.remove(id));
            JsonNode result = message.path("result");
            if ("input_required".equals(result.path("resultType").asString(null))) {
                result.path("inputRequests").forEach(inputRequests::add);
            }
            if (id != null && clientRequests.remove(id)) {
                return true;
            }
            raw.add(message);
            return false;
        }
        check(message, null);
        (message.has("id") ? serverRequests : notifications).add(message);
        return true;
    }

    private void check(JsonNode message, String answeredMethod) {
        if (!validate) {
            return;
        }
        List<String> problems = McpSchemas.official().checkServerMessage(message, version.get(), answeredMethod);
        if (!problems.isEmpty()) {
            violations.add("server message " + message + " violates the schema:\n  " + String.join("\n  ", problems));
        }
    }

    // ------------------------------------------------------------------ observations

    List<JsonNode> notifications() {
        return List.copyOf(notifications);
    }

    List<JsonNode> serverRequests() {
        return List.copyOf(serverRequests);
    }

    List<JsonNode> inputRequests() {
        return List.copyOf(inputRequests);
    }

    /** Waits until a notification matching {@code filter} has arrived, and returns it. */
    JsonNode awaitNotification(Predicate<JsonNode> filter) {
        return await(notifications, filter, "notification");
    }

    /** Waits until a server request matching {@code filter} has arrived, and returns it. */
    JsonNode awaitServerRequest(Predicate<JsonNode> filter) {
        return await(serverRequests, filter, "server request");
    }

    private JsonNode await(List<JsonNode> messages, Predicate<JsonNode> filter, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                for (JsonNode n : messages) {
                    if (filter.test(n)) {
                        return n;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching " + what + " within " + timeout + "; got " + messages);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(arrivals, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Fails if any message the server sent so far violated its schema. */
    void throwViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n", violations));
        }
    }
}
