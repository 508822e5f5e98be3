package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.core.McpServer;
import dev.keel.core.spi.StateStore;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Role;
import dev.keel.spec.Root;
import dev.keel.spec.TextContent;
import dev.keel.testkit.ManualClock;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;
import dev.keel.testkit.TestClientBuilder;
import tools.jackson.databind.JsonNode;

/** Every feature of the everything toolset, tried from a client of each era. */
class EverythingToolsetTest {

    private static McpServer everything() {
        return everything(StateStore.inMemory());
    }

    private static McpServer everything(StateStore state) {
        EverythingToolset toolset = new EverythingToolset();
        McpServer.Builder builder = McpServer.builder().name("keel-everything").stateStore(state);
        toolset.register(builder);
        McpServer server = builder.build();
        toolset.started(server);
        return server;
    }

    private static TestClientBuilder client(ProtocolVersion version) {
        return McpTestClient.builder().version(version)
                .onElicitation(p -> p.path("message").asString().startsWith("What")
                        ? ElicitResult.accept(Map.of("name", "Ada"))
                        : ElicitResult.accept(Map.of("confirm", true, "reason", "tested")))
                .onSampling(p -> new CreateMessageResult(Role.ASSISTANT, List.of(TextContent.of("short")), "m", null, null))
                .roots(List.of(Root.of("file:///work")));
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25"})
    void everyToolDoesWhatItSays(ProtocolVersion version) {
        try (McpTestClient client = client(version).connect(everything())) {
            assertThat(client.callTool("echo", Map.of("message", "e")).text()).isEqualTo("e");
            assertThat(client.callTool("weather", Map.of("city", "Oslo", "days", 2)).text()).contains("Sunny for 2 days");
            assertThat(client.callTool("weather", Map.of("city", "Atlantis", "days", 2)).isError()).isTrue();
            assertThat(client.callTool("weather", Map.of("city", "Oslo", "days", 9)).text()).contains("days:");
            assertThat(client.callTool("ask_name", Map.of()).text()).isEqualTo("Hello, Ada!");
            assertThat(client.callTool("confirm_action", Map.of()).text()).isEqualTo("Confirmed: tested");
            assertThat(client.callTool("summarize", Map.of("text", "long")).text()).isEqualTo("Summary by m: short");
            assertThat(client.callTool("list_roots", Map.of()).text()).isEqualTo("[file:///work]");
            assertThat(client.callTool("tool_error", Map.of()).isError()).isTrue();
            assertThat(client.callToolReply("protocol_error", Map.of()).errorCode()).isEqualTo(-32602);
            assertThat(client.callToolReply("crash", Map.of()).errorMessage()).contains("correlation id");
            assertThat(client.callTool("slow", Map.of("ms", 5000)).text()).contains("did not finish within 2 s");
            assertThat(client.callTool("content_kinds", Map.of()).result().content()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18"})
    void aCounterKeepsItsTotalAcrossCallsThroughItsHandle(ProtocolVersion version) {
        McpServer server = everything();
        try (McpTestClient client = client(version).connect(server);
                McpTestClient other = client(version).connect(server)) {
            String handle = client.callTool("counter_open", Map.of()).text();
            assertThat(StateStore.isHandle(handle)).isTrue();
            assertThat(client.callTool("counter_add", Map.of("handle", handle, "by", 5)).text()).isEqualTo("5");
            assertThat(client.callTool("counter_add", Map.of("handle", handle)).text()).isEqualTo("6");
            assertThat(other.callTool("counter_add", Map.of("handle", handle, "by", -2)).text())
                    .as("the handle, not the connection, carries the state").isEqualTo("4");
            String second = client.callTool("counter_open", Map.of()).text();
            assertThat(client.callTool("counter_add", Map.of("handle", second)).text()).isEqualTo("1");
        }
    }

    @Test
    void anUnknownOrExpiredCounterHandleIsAToolErrorThatNamesIt() {
        ManualClock clock = new ManualClock();
        try (McpTestClient client = client(ProtocolVersion.V2026_07_28).connect(everything(StateStore.inMemory(100, clock)))) {
            String handle = client.callTool("counter_open", Map.of()).text();
            assertThat(client.callTool("counter_add", Map.of("handle", handle)).text()).isEqualTo("1");
            clock.advance(EverythingToolset.COUNTER_TTL);
            McpTestClient.ToolResult expired = client.callTool("counter_add", Map.of("handle", handle));
            assertThat(expired.isError()).isTrue();
            assertThat(expired.text()).contains("Unknown or expired counter handle: " + handle);
            McpTestClient.ToolResult unknown = client.callTool("counter_add", Map.of("handle", "st_nope"));
            assertThat(unknown.isError()).isTrue();
            assertThat(unknown.text()).contains("st_nope");
        }
    }

    @Test
    void logMessagesFlowAtTheRequestedLevel() {
        try (McpTestClient client = client(ProtocolVersion.V2026_07_28).connect(everything())) {
            client.request("tools/call", Map.of("name", "log_messages", "_meta", Map.of(MetaKeys.LOG_LEVEL, "warning")));
            assertThat(client.notifications()).extracting(n -> n.path("params").path("level").asString())
                    .containsExactly("warning", "error", "critical", "alert", "emergency");
        }
    }

    @Test
    void addingAToolReachesListenersAndTheCounterReachesSubscribers() {
        try (McpTestClient client = client(ProtocolVersion.V2026_07_28).connect(everything())) {
            client.start("subscriptions/listen", Map.of("notifications", Map.of("toolsListChanged", true,
                    "resourceSubscriptions", List.of("everything://counter"))));
            client.awaitNotification(n -> n.path("method").asString().equals("notifications/subscriptions/acknowledged"));

            assertThat(client.callTool("add_tool", Map.of("name", "bob")).text()).isEqualTo("added greet_bob");
            client.awaitNotification(n -> n.path("method").asString().equals("notifications/tools/list_changed"));
            assertThat(client.callTool("greet_bob", Map.of()).text()).isEqualTo("Hello from bob!");
            assertThat(client.callTool("remove_tool", Map.of("name", "greet_bob")).text()).isEqualTo("removed greet_bob");
            assertThat(client.callTool("remove_tool", Map.of("name", "echo")).isError()).isTrue();

            client.callTool("bump_counter", Map.of());
            client.awaitNotification(n -> n.path("method").asString().equals("notifications/resources/updated"));
            assertThat(client.readResource("everything://counter").contents().get(0)).extracting("text").isEqualTo("1");
        }
    }

    @Test
    void fiftyFiveResourcesArePagedFiftyAtATime() {
        try (McpTestClient client = client(ProtocolVersion.V2025_06_18).connect(everything())) {
            List<String> uris = new ArrayList<>();
            int pages = 0;
            String cursor = null;
            do {
                JsonNode page = client.request("resources/list", cursor == null ? Map.of() : Map.of("cursor", cursor)).result();
                page.get("resources").forEach(r -> uris.add(r.get("uri").asString()));
                cursor = page.path("nextCursor").asString(null);
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(2);
            assertThat(uris).hasSize(55).doesNotHaveDuplicates()
                    .contains("everything://items/50", "everything://counter", "test://static-text");
        }
    }

    @Test
    void completionSuggestsCitiesForThePromptAndTheTemplate() {
        try (McpTestClient client = client(ProtocolVersion.V2026_07_28).connect(everything())) {
            Reply prompt = client.request("completion/complete", Map.of("ref", Map.of("type", "ref/prompt",
                    "name", "plan_trip"), "argument", Map.of("name", "destination", "value", "b")));
            assertThat(prompt.result().path("completion").path("values").toString()).isEqualTo("[\"Berlin\",\"Bern\"]");
            Reply template = client.request("completion/complete", Map.of("ref", Map.of("type", "ref/resource",
                    "uri", "everything://weather/{city}"), "argument", Map.of("name", "city", "value", "L")));
            assertThat(template.result().path("completion").path("values").size()).isEqualTo(2);
            assertThat(client.readResource("everything://weather/Paris").contents()).hasSize(1);
        }
    }
}
