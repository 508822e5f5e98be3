package dev.keel.core;

import static dev.keel.core.Replies.error;
import static dev.keel.core.Replies.json;
import static dev.keel.core.Replies.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.keel.client.McpClient;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;

class MiddlewareTest {

    private static McpServer serverWith(Middleware... middleware) {
        return new Fixtures().builder().middleware(middleware).build();
    }

    @Test
    void theFirstRegisteredMiddlewareRunsOutermost() {
        List<String> trace = new CopyOnWriteArrayList<>();
        Middleware outer = (call, chain) -> {
            trace.add("outer in");
            Response r = chain.proceed(call);
            trace.add("outer out");
            return r;
        };
        Middleware inner = (call, chain) -> {
            trace.add("inner in");
            Response r = chain.proceed(call);
            trace.add("inner out");
            return r;
        };
        try (McpClient client = InProcessClient.connect(serverWith(outer, inner))) {
            client.callTool("echo", json(Map.of("message", "x")), null);
        }
        assertThat(trace).containsExactly("outer in", "inner in", "inner out", "outer out");
    }

    @Test
    void paramsAMiddlewareReplacesAreTheOnesTheToolGets() throws Exception {
        // A channel that serves a tools/call reads its params once, ahead of the chain (stdio and HTTP
        // do this); a middleware that passes on params of its own must still have the tool see those.
        Middleware rewrite = (call, chain) -> {
            if (!"tools/call".equals(call.method())) {
                return chain.proceed(call);
            }
            String replaced = call.params().toString().replace("\"original\"", "\"replaced\"");
            return chain.proceed(new Call(call.id(), call.method(),
                    dev.keel.jsonrpc.RawJson.of(replaced, tools.jackson.databind.json.JsonMapper.shared()), call.context()));
        };
        Middleware nonBlocking = new Middleware() {
            @Override
            public Response handle(Call call, Middleware.Chain chain) {
                return rewrite.handle(call, chain);
            }

            @Override
            public boolean blocking() {
                return false;
            }
        };
        dev.keel.jsonrpc.JsonRpcCodec codec = dev.keel.jsonrpc.JsonRpcCodec.create();
        byte[] request = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"original\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (Middleware m : List.of(rewrite, nonBlocking)) {
            java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
            McpServer server = serverWith(m);
            Channel channel = server.connector().open(
                    bytes -> answer.complete(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)), Map.of());
            channel.receive(new Inbound(codec.decode(request), bytes -> answer.complete(
                    new String(bytes, java.nio.charset.StandardCharsets.UTF_8)), null, Inbound.Threading.INLINE_IF_NON_BLOCKING));
            assertThat(answer.get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("\"text\":\"replaced\"")
                    .doesNotContain("original");
            channel.close();
        }
    }

    @Test
    void middlewareSeesTheResolvedEraAndClient() {
        List<ProtocolVersion> seen = new CopyOnWriteArrayList<>();
        Middleware spy = (call, chain) -> {
            seen.add(call.context().protocolVersion());
            return chain.proceed(call);
        };
        try (McpClient modern = InProcessClient.connect(serverWith(spy));
                McpClient legacy = InProcessClient.connect(serverWith(spy), ProtocolVersion.V2025_03_26)) {
            modern.listTools();
            legacy.listTools();
        }
        assertThat(seen).contains(ProtocolVersion.V2026_07_28, ProtocolVersion.V2025_03_26);
    }

    @Test
    void aMiddlewareThatCallsProceedTwiceIsNamedAndTheCallFails() {
        Middleware twice = Middleware.named("Twice", (call, chain) -> {
            chain.proceed(call);
            return chain.proceed(call);
        });
        try (McpClient client = InProcessClient.connect(serverWith(twice))) {
            Response reply = client.request("tools/call", toolCall("echo", Map.of("message", "x")));
            assertThat(error(reply).code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
            assertThat(error(reply).message()).contains("correlation id");
        }
    }

    @Test
    void aMiddlewareThatReturnsNullIsNamed() {
        Middleware nothing = Middleware.named("Nothing", (call, chain) -> null);
        try (McpClient client = InProcessClient.connect(serverWith(nothing))) {
            assertThat(error(client.request("tools/call", toolCall("echo", Map.of("message", "x")))).code())
                    .isEqualTo(JsonRpcError.INTERNAL_ERROR);
        }
    }

    @Test
    void aMiddlewareMayAnswerByItselfWithAProtocolFault() {
        Middleware deny = (call, chain) -> {
            if (call.method().equals("tools/call")) {
                throw McpException.invalidRequest("calls are switched off");
            }
            return chain.proceed(call);
        };
        try (McpClient client = InProcessClient.connect(serverWith(deny))) {
            Response reply = client.request("tools/call", toolCall("echo", Map.of("message", "x")));
            assertThat(error(reply).code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
            assertThat(error(reply).message()).isEqualTo("calls are switched off");
            assertThat(client.listTools()).isNotEmpty();
        }
    }

    @Test
    void requestIdAndStartTimeAreInTheCallContextOfHandlers() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        McpServer server = McpServer.builder()
                .middleware(new RequestIdMiddleware(), new TimingMiddleware())
                .tool(Tool.builder("who").build(), call -> {
                    CallContext context = call.context();
                    seen.add(context.get(RequestIdMiddleware.REQUEST_ID));
                    seen.add(context.get(TimingMiddleware.START_NANOS));
                    return CallToolResult.text("ok");
                })
                .build();
        try (McpClient client = InProcessClient.connect(server)) {
            client.callTool("who", json(Map.of()), null);
            client.callTool("who", json(Map.of()), null);
        }
        assertThat(seen).hasSize(4).doesNotContainNull();
        assertThat(seen.get(0)).isNotEqualTo(seen.get(2));
        assertThat((Long) seen.get(1)).isLessThanOrEqualTo((Long) seen.get(3));
    }
}
