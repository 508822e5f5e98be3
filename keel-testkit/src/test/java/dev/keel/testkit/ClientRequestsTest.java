package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.BooleanSchema;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.CreateMessageResult;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.Role;
import dev.keel.spec.Root;
import dev.keel.spec.SamplingMessage;
import dev.keel.spec.StringSchema;
import dev.keel.spec.TextContent;
import dev.keel.spec.TextResourceContents;
import tools.jackson.databind.JsonNode;

/** One API for asking the client: elicitation, sampling and roots, in a legacy session and in 2026-07-28. */
class ClientRequestsTest {

    private static final ElicitRequestFormParams.RequestedSchema NAME_FORM = ElicitRequestFormParams.RequestedSchema.of(
            Map.of("name", StringSchema.of("Name", "Your name")), "name");
    private static final ElicitRequestFormParams.RequestedSchema CONFIRM_FORM = ElicitRequestFormParams.RequestedSchema.of(
            Map.of("ok", BooleanSchema.of("Confirm", "Go ahead?")), "ok");

    private final BlockingQueue<Thread> waiting = new LinkedBlockingQueue<>();
    private final CountDownLatch secondAskReached = new CountDownLatch(1);

    private McpServer server() {
        return McpServer.builder()
                .tool(Tool.builder("greet").inputSchema("{\"type\":\"object\"}").build(), call -> {
                    ElicitResult who = call.elicit("Who are you?", NAME_FORM);
                    if (who.action() != ElicitResult.Action.ACCEPT) {
                        return CallToolResult.text("no name given (" + who.action() + ")");
                    }
                    secondAskReached.countDown();
                    ElicitResult ok = call.elicit("Greet " + who.content().get("name") + "?", CONFIRM_FORM);
                    return CallToolResult.text(Boolean.TRUE.equals(ok.content().get("ok"))
                            ? "Hello, " + who.content().get("name") + "!" : "Not greeting");
                })
                .tool(Tool.builder("summarize").build(), call -> {
                    CreateMessageResult answer = call.sample(CreateMessageRequestParams.of(
                            List.of(new SamplingMessage(Role.USER, List.of(TextContent.of("Summarize MCP")), null)), 50));
                    return CallToolResult.text("model said: " + ((TextContent) answer.content().get(0)).text());
                })
                .tool(Tool.builder("where").build(), call ->
                        CallToolResult.text(call.roots().stream().map(Root::uri).toList().toString()))
                .tool(Tool.builder("patient").build(), call -> {
                    waiting.add(Thread.currentThread());
                    call.elicit("This will never be answered", NAME_FORM);
                    return CallToolResult.text("answered");
                })
                .resource(Resource.of("mem://profile", "profile", "Asks whose profile to show", "text/plain"), call -> {
                    ElicitResult who = call.elicit("Whose profile?", NAME_FORM);
                    return ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain",
                            "Profile of " + who.content().get("name")));
                })
                .prompt(Prompt.of("personal", "Asks who you are",
                        dev.keel.spec.PromptArgument.optional("x", "unused")), call -> {
                    ElicitResult who = call.elicit("Name?", NAME_FORM);
                    return GetPromptResult.of(null, PromptMessage.user("I am " + who.content().get("name")));
                })
                .promptCompletion("personal", "x", call -> {
                    call.elicit("not allowed here", NAME_FORM);
                    return List.of();
                })
                .build();
    }

    private static TestClientBuilder answering() {
        return McpTestClient.builder()
                .onElicitation(params -> params.path("message").asString().startsWith("Greet")
                        ? ElicitResult.accept(Map.of("ok", true))
                        : ElicitResult.accept(Map.of("name", "Ada")))
                .onSampling(params -> new CreateMessageResult(Role.ASSISTANT, List.of(TextContent.of("a protocol")),
                        "test-model", "endTurn", null))
                .roots(List.of(Root.of("file:///home/ada/project")));
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25", "V2025_06_18"})
    void aToolAsksItsUserTwiceAndUsesBothAnswers(ProtocolVersion version) {
        try (McpTestClient client = answering().version(version).connect(server())) {
            assertThat(client.callTool("greet", Map.of()).text()).isEqualTo("Hello, Ada!");
            if (version.isModern()) {
                assertThat(client.inputRequests()).hasSize(2)
                        .allMatch(q -> q.path("method").asString().equals("elicitation/create"));
            } else {
                assertThat(client.serverRequests()).hasSize(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_03_26"})
    void samplingAndRootsWorkInBothEras(ProtocolVersion version) {
        try (McpTestClient client = answering().version(version).connect(server())) {
            assertThat(client.callTool("summarize", Map.of()).text()).isEqualTo("model said: a protocol");
            assertThat(client.callTool("where", Map.of()).text()).isEqualTo("[file:///home/ada/project]");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25"})
    void aPromptMayAskToo(ProtocolVersion version) {
        try (McpTestClient client = answering().version(version).connect(server())) {
            GetPromptResult prompt = client.getPrompt("personal", Map.of());
            assertThat(((TextContent) prompt.messages().get(0).content()).text()).isEqualTo("I am Ada");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25"})
    void aResourceReadMayAskToo(ProtocolVersion version) {
        try (McpTestClient client = answering().version(version).connect(server())) {
            ReadResourceResult read = client.readResource("mem://profile");
            assertThat(((TextResourceContents) read.contents().get(0)).text()).isEqualTo("Profile of Ada");
            // 2026-07-28: an input-required result, then the retry with the answer; legacy: a request to the client
            List<JsonNode> asked = version.isModern() ? client.inputRequests() : client.serverRequests();
            assertThat(asked).singleElement().satisfies(question -> {
                assertThat(question.path("method").asString()).isEqualTo("elicitation/create");
                assertThat(question.path("params").path("message").asString()).isEqualTo("Whose profile?");
            });
        }
    }

    @Test
    void aModernResourceReadEndsItsFirstAttemptWithAnInputRequiredResult() {
        try (McpTestClient client = answering().autoRetry(false).connect(server())) {
            JsonNode first = client.request("resources/read", Map.of("uri", "mem://profile")).result();
            assertThat(first.path("resultType").asString()).isEqualTo("input_required");
            assertThat(first.path("inputRequests").propertyNames()).containsExactly("elicit-1");
            assertThat(first.has("contents")).isFalse();

            JsonNode retried = client.request("resources/read", Map.of("uri", "mem://profile",
                    "requestState", first.path("requestState").asString(),
                    "inputResponses", Map.of("elicit-1", Map.of("action", "accept", "content", Map.of("name", "Eve")))))
                    .result();
            assertThat(retried.path("contents").get(0).path("text").asString()).isEqualTo("Profile of Eve");
        }
    }

    @Test
    void aLegacyClientThatNeverAnswersIsGivenUpOnAfterTheClientRequestTimeout() throws Exception {
        McpServer server = McpServer.builder()
                .clientRequestTimeout(Duration.ofMillis(300))
                .tool(Tool.builder("patient").build(), call -> {
                    waiting.add(Thread.currentThread());
                    call.elicit("This will never be answered", NAME_FORM);
                    return CallToolResult.text("answered");
                })
                .build();
        try (McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2025_11_25)
                // a user who never answers: the test client does not reply at all
                .onElicitation(params -> null)
                .connect(server)) {
            long start = System.nanoTime();
            Reply reply = client.callToolReply("patient", Map.of());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
            assertThat(reply.errorMessage()).isEqualTo("The client did not answer elicitation/create in time");
            assertThat(waited).as("the client request timeout ended the wait, not the 5-minute request timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));
            assertThat(waiting.poll(5, TimeUnit.SECONDS).join(Duration.ofSeconds(5))).as("the handler thread ended")
                    .isTrue();
            JsonNode question = client.awaitServerRequest(r -> r.path("method").asString().equals("elicitation/create"));
            JsonNode withdrawn = client.awaitNotification(n -> n.path("method").asString().equals("notifications/cancelled"));
            assertThat(withdrawn.path("params").path("requestId")).isEqualTo(question.get("id"));
        }
    }

    @Test
    void theFirstAttemptEndsWithAnInputRequiredResultCarryingSealedState() {
        try (McpTestClient client = answering().autoRetry(false).connect(server())) {
            JsonNode result = client.request("tools/call", Map.of("name", "greet", "arguments", Map.of())).result();
            assertThat(result.path("resultType").asString()).isEqualTo("input_required");
            assertThat(result.path("inputRequests").propertyNames()).containsExactly("elicit-1");
            assertThat(result.path("inputRequests").path("elicit-1").path("params").path("message").asString())
                    .isEqualTo("Who are you?");
            assertThat(result.path("requestState").asString()).isNotBlank().doesNotContain("greet");
            assertThat(result.has("ttlMs")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18"})
    void aClientWithoutTheCapabilityGetsMinus32021NamingIt(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            Reply reply = client.callToolReply("greet", Map.of());
            assertThat(reply.errorCode()).isEqualTo(-32021);
            assertThat(reply.errorData().path("requiredCapabilities").has("elicitation")).isTrue();
            Reply roots = client.callToolReply("where", Map.of());
            assertThat(roots.errorData().path("requiredCapabilities").has("roots")).isTrue();
        }
    }

    private static Map<String, Object> retry(JsonNode inputRequired, String name, Map<String, Object> arguments,
            Object requestState) {
        return Map.of("name", name, "arguments", arguments, "requestState", requestState,
                "inputResponses", Map.of("elicit-1", Map.of("action", "accept", "content", Map.of("name", "Eve"))));
    }

    @Test
    void aTamperedForeignOrExpiredRequestStateIsRefused() {
        try (McpTestClient client = answering().autoRetry(false).connect(server())) {
            JsonNode first = client.request("tools/call", Map.of("name", "greet", "arguments", Map.of())).result();
            String state = first.path("requestState").asString();

            char flipped = state.charAt(20) == 'x' ? 'y' : 'x';
            Reply tampered = client.request("tools/call", retry(first, "greet", Map.of(), state.substring(0, 20) + flipped
                    + state.substring(21)));
            assertThat(tampered.errorCode()).isEqualTo(-32602);
            assertThat(tampered.errorMessage()).contains("altered");

            Reply foreign = client.request("tools/call", retry(first, "greet", Map.of("extra", 1), state));
            assertThat(foreign.errorMessage()).contains("belongs to another request");

            Reply otherTool = client.request("tools/call", retry(first, "summarize", Map.of(), state));
            assertThat(otherTool.errorMessage()).contains("belongs to another request");

            Reply answered = client.request("tools/call", retry(first, "greet", Map.of(), state));
            assertThat(answered.result().path("inputRequests").propertyNames()).containsExactly("elicit-2");
        }
        McpServer shortLived = McpServer.builder().inputRequestTtl(Duration.ZERO)
                .tool(Tool.builder("greet").inputSchema("{\"type\":\"object\"}").build(),
                        call -> CallToolResult.text(call.elicit("Who?", NAME_FORM).action().toString()))
                .build();
        try (McpTestClient client = answering().autoRetry(false).connect(shortLived)) {
            JsonNode first = client.request("tools/call", Map.of("name", "greet", "arguments", Map.of())).result();
            Reply expired = client.request("tools/call", retry(first, "greet", Map.of(),
                    first.path("requestState").asString()));
            assertThat(expired.errorMessage()).contains("expired");
        }
    }

    @Test
    void answersMayComeAheadOfTheQuestionButMustBeOfItsKind() {
        try (McpTestClient client = answering().autoRetry(false).connect(server())) {
            JsonNode ahead = client.request("tools/call", Map.of("name", "greet", "inputResponses",
                    Map.of("elicit-1", Map.of("action", "accept", "content", Map.of("name", "Zoe"))))).result();
            assertThat(ahead.path("inputRequests").propertyNames()).containsExactly("elicit-2");
            assertThat(ahead.path("inputRequests").path("elicit-2").path("params").path("message").asString())
                    .isEqualTo("Greet Zoe?");

            JsonNode wrongKind = client.request("tools/call", Map.of("name", "greet", "inputResponses",
                    Map.of("elicit-1", Map.of("roots", List.of())))).result();
            assertThat(wrongKind.path("inputRequests").propertyNames()).containsExactly("elicit-1");

            assertThat(client.request("tools/call", Map.of("name", "greet", "inputResponses",
                    Map.of("elicit-1", 12345))).errorCode()).isEqualTo(-32602);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25"})
    void severalQuestionsAreAskedAtOnceUnderTheHandlersKeys(ProtocolVersion version) {
        McpServer server = McpServer.builder()
                .tool(Tool.builder("survey").build(), call -> {
                    Map<String, dev.keel.spec.InputResponse> answers = call.ask(Map.of(
                            "who", new dev.keel.spec.ElicitRequest(ElicitRequestFormParams.of("Who?", NAME_FORM)),
                            "where", dev.keel.spec.ListRootsRequest.instance()));
                    return CallToolResult.text(((ElicitResult) answers.get("who")).content().get("name") + " at "
                            + ((dev.keel.spec.ListRootsResult) answers.get("where")).roots().get(0).uri());
                })
                .build();
        try (McpTestClient client = answering().version(version).connect(server)) {
            assertThat(client.callTool("survey", Map.of()).text()).isEqualTo("Ada at file:///home/ada/project");
            if (version.isModern()) {
                assertThat(client.inputRequests()).hasSize(2);
            }
        }
    }

    @Test
    void aDeclinedAnswerIsHandledByTheTool() {
        try (McpTestClient client = McpTestClient.builder().onElicitation(p -> ElicitResult.decline())
                .connect(server())) {
            assertThat(client.callTool("greet", Map.of()).text()).isEqualTo("no name given (DECLINE)");
        }
    }

    @Test
    void onlyToolsPromptsAndResourceReadsMayAsk() {
        try (McpTestClient client = answering().connect(server())) {
            Reply reply = client.request("completion/complete", Map.of("ref", Map.of("type", "ref/prompt",
                    "name", "personal"), "argument", Map.of("name", "x", "value", "")));
            // the completer tries to elicit: a programming error, reported as an internal error
            assertThat(reply.errorCode()).isEqualTo(-32603);
            assertThat(reply.errorMessage()).contains("correlation id");
        }
    }

    @Test
    void cancellingAToolThatWaitsForTheClientWithdrawsTheQuestionAndEndsTheHandler() throws Exception {
        try (McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2025_11_25)
                // a user who never answers: the test client does not reply at all
                .onElicitation(params -> null)
                .connect(server())) {
            McpTestClient.RequestHandle call = client.startTool("patient", Map.of());
            Thread handler = waiting.poll(5, TimeUnit.SECONDS);
            JsonNode question = client.awaitServerRequest(r -> r.path("method").asString().equals("elicitation/create"));
            call.cancel("user gave up");

            assertThat(handler.join(Duration.ofSeconds(5))).isTrue();
            JsonNode withdrawn = client.awaitNotification(n -> n.path("method").asString().equals("notifications/cancelled"));
            assertThat(withdrawn.path("params").path("requestId")).isEqualTo(question.get("id"));
            call.assertNoReplyWithin(Duration.ofMillis(100));
        }
    }
}
