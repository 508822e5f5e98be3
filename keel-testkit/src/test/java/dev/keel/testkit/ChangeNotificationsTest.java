package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.ServerEvent;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;

/** Runtime changes reach every subscribed client: legacy notifications and 2026-07-28 listen streams. */
class ChangeNotificationsTest {

    private static boolean method(JsonNode n, String method) {
        return n.path("method").asString().equals(method);
    }

    @Test
    void capabilitiesPromiseListChangesAndResourceSubscriptions() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            var capabilities = client.discover().capabilities();
            assertThat(capabilities.tools().listChanged()).isTrue();
            assertThat(capabilities.prompts().listChanged()).isTrue();
            assertThat(capabilities.resources().listChanged()).isTrue();
            assertThat(capabilities.resources().subscribe()).isTrue();
        }
    }

    @Test
    void aToolAddedOrRemovedAtRuntimeReachesEveryLegacySession() {
        McpServer server = new Fixtures().server();
        try (McpTestClient first = McpTestClient.connect(server, ProtocolVersion.V2025_06_18);
                McpTestClient second = McpTestClient.connect(server, ProtocolVersion.V2024_11_05)) {
            server.addTool(Tool.builder("fresh").build(), call -> CallToolResult.text("new"));
            first.awaitNotification(n -> method(n, "notifications/tools/list_changed"));
            second.awaitNotification(n -> method(n, "notifications/tools/list_changed"));

            server.addPrompt(Prompt.of("p", null), call -> GetPromptResult.of(null, PromptMessage.user("x")));
            first.awaitNotification(n -> method(n, "notifications/prompts/list_changed"));
        }
    }

    /** A bus of the application's own, as a shared bus between nodes would be: it records and fans out. */
    private static final class RecordingBus implements EventBus {
        final List<ServerEvent> published = new CopyOnWriteArrayList<>();
        final List<Consumer<ServerEvent>> listeners = new CopyOnWriteArrayList<>();
        private final ExecutorService delivery = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("recording-bus").factory());
        volatile boolean closed;

        @Override
        public void publish(ServerEvent event) {
            published.add(event);
            delivery.execute(() -> listeners.forEach(listener -> listener.accept(event)));
        }

        @Override
        public Subscription subscribe(Consumer<ServerEvent> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public void close() {
            closed = true;
            delivery.shutdownNow();
        }
    }

    @Test
    void aCustomEventBusCarriesTheServersEventsAndOtherNodesEventsToLegacySessions() {
        RecordingBus bus = new RecordingBus();
        McpServer server = new Fixtures().builder().eventBus(bus).build();
        try (bus) {
            try (McpTestClient client = McpTestClient.connect(server, ProtocolVersion.V2025_11_25)) {
                assertThat(bus.listeners).as("the legacy session subscribed to the bus given").hasSize(1);
                bus.published.clear();  // what building the server published is not this test's concern

                server.addTool(Tool.builder("fresh").build(), call -> CallToolResult.text("new"));
                client.awaitNotification(n -> method(n, "notifications/tools/list_changed"));
                assertThat(bus.published).containsExactly(new ServerEvent.ToolsChanged());

                // an event published on the bus by another node reaches this node's sessions
                bus.publish(new ServerEvent.PromptsChanged());
                client.awaitNotification(n -> method(n, "notifications/prompts/list_changed"));
            }
            assertThat(bus.listeners).as("the ended session unsubscribed").isEmpty();
            server.close();
            assertThat(bus.closed).as("the server does not close a bus it was given").isFalse();
        }
    }

    @Test
    void legacyResourceSubscriptionsGetUpdatesUntilUnsubscribed() {
        McpServer server = new Fixtures().server();
        try (McpTestClient subscriber = McpTestClient.connect(server, ProtocolVersion.V2025_11_25);
                McpTestClient bystander = McpTestClient.connect(server, ProtocolVersion.V2025_11_25)) {
            assertThat(subscriber.request("resources/subscribe", Map.of("uri", "mem://users")).isError()).isFalse();

            server.notifyResourceUpdated("mem://users/42");
            JsonNode update = subscriber.awaitNotification(n -> method(n, "notifications/resources/updated"));
            assertThat(update.path("params").path("uri").asString()).isEqualTo("mem://users/42");

            subscriber.request("resources/unsubscribe", Map.of("uri", "mem://users"));
            server.notifyResourceUpdated("mem://users/43");
            server.addTool(Tool.builder("marker").build(), call -> CallToolResult.text("m"));
            subscriber.awaitNotification(n -> method(n, "notifications/tools/list_changed"));
            assertThat(subscriber.notifications()).filteredOn(n -> method(n, "notifications/resources/updated")).hasSize(1);
            assertThat(bystander.notifications()).noneMatch(n -> method(n, "notifications/resources/updated"));
        }
    }

    @Test
    void aListenStreamIsAcknowledgedFirstAndCarriesOnlyWhatItAskedForTaggedWithItsId() {
        McpServer server = new Fixtures().server();
        try (McpTestClient client = McpTestClient.connect(server)) {
            McpTestClient.RequestHandle listen = client.start("subscriptions/listen", Map.of("notifications",
                    Map.of("toolsListChanged", true, "resourceSubscriptions", List.of("mem://greeting"))));
            JsonNode ack = client.awaitNotification(n -> method(n, "notifications/subscriptions/acknowledged"));
            assertThat(client.notifications().get(0)).isEqualTo(ack);
            assertThat(ack.path("params").path("_meta").path(MetaKeys.SUBSCRIPTION_ID).asLong())
                    .isEqualTo(((RequestId.NumberId) listen.id()).number());
            assertThat(ack.path("params").path("notifications").propertyNames())
                    .containsExactlyInAnyOrder("toolsListChanged", "resourceSubscriptions");

            server.addPrompt(Prompt.of("unwanted", null), call -> GetPromptResult.of(null, PromptMessage.user("x")));
            server.addTool(Tool.builder("wanted").build(), call -> CallToolResult.text("w"));
            server.notifyResourceUpdated("mem://greeting");

            JsonNode tools = client.awaitNotification(n -> method(n, "notifications/tools/list_changed"));
            JsonNode updated = client.awaitNotification(n -> method(n, "notifications/resources/updated"));
            assertThat(tools.path("params").path("_meta").path(MetaKeys.SUBSCRIPTION_ID).asLong())
                    .isEqualTo(((RequestId.NumberId) listen.id()).number());
            assertThat(updated.path("params").path("uri").asString()).isEqualTo("mem://greeting");
            assertThat(client.notifications()).noneMatch(n -> method(n, "notifications/prompts/list_changed"));

            listen.cancel("done listening");
            listen.assertNoReplyWithin(Duration.ofMillis(200));
            server.addTool(Tool.builder("after").build(), call -> CallToolResult.text("a"));
            assertThat(client.callTool("after", Map.of()).text()).isEqualTo("a");
            assertThat(client.notifications()).filteredOn(n -> method(n, "notifications/tools/list_changed")).hasSize(1);
        }
    }

    @Test
    void twoListenStreamsOnOneConnectionAreToldApartByTheirIds() {
        McpServer server = new Fixtures().server();
        try (McpTestClient client = McpTestClient.connect(server)) {
            client.start("subscriptions/listen", Map.of("notifications", Map.of("toolsListChanged", true)));
            client.start("subscriptions/listen", Map.of("notifications", Map.of("toolsListChanged", true)));
            client.awaitNotification(n -> client.notifications().stream()
                    .filter(m -> method(m, "notifications/subscriptions/acknowledged")).count() == 2);
            server.addTool(Tool.builder("x").build(), call -> CallToolResult.text("x"));
            client.awaitNotification(n -> client.notifications().stream()
                    .filter(m -> method(m, "notifications/tools/list_changed")).count() == 2);
            assertThat(client.notifications().stream().filter(m -> method(m, "notifications/tools/list_changed"))
                    .map(m -> m.path("params").path("_meta").path(MetaKeys.SUBSCRIPTION_ID).asLong()).distinct().count())
                    .isEqualTo(2);
        }
    }

    @Test
    void listenIsNotPartOfLegacyRevisions() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_11_25)) {
            assertThat(client.request("subscriptions/listen", Map.of("notifications", Map.of())).errorCode())
                    .isEqualTo(-32601);
        }
    }
}
