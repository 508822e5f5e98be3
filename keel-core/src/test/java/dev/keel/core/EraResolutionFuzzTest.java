package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.TextResourceContents;
import tools.jackson.databind.JsonNode;

/**
 * Any request, with or without mirrored headers, is served or refused with a client error: era
 * resolution ({@link EraResolution}), the header checks ({@link HeaderChecks}) and the tools' header
 * parameters ({@link ParamHeaders}) never end in an internal error, and a request whose
 * {@code MCP-Protocol-Version} or {@code Mcp-Method} header contradicts its body is never served.
 *
 * <p>An input reads like an HTTP request: header lines ({@code Mcp-Name: echo}), a blank line, then
 * one JSON-RPC message per line, all sent on one channel with those headers (as Streamable HTTP hands
 * them to the engine). Without a blank line there are no headers, as on stdio.
 */
class EraResolutionFuzzTest {

    private static final int MAX_MESSAGES = 8;

    private static final McpServer SERVER = McpServer.builder().name("fuzz").version("1")
            .tool(Tool.builder("echo").inputSchema("""
                    {"type":"object","properties":{"message":{"type":"string"}}}""").nonBlocking().build(),
                    call -> CallToolResult.text(call.arguments().path("message").asString()))
            .tool(Tool.builder("deploy").inputSchema("""
                    {"type":"object","properties":{
                      "region":{"type":"string","x-mcp-header":"Region"},
                      "count":{"type":"integer","x-mcp-header":"Count"},
                      "dry":{"type":"boolean","x-mcp-header":"Dry-Run"}}}""").nonBlocking().build(),
                    call -> CallToolResult.text("deployed"))
            .resource(Resource.of("mem://a", "a", null, null),
                    call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), null, "a")))
            .resourceTemplate(ResourceTemplate.of("mem://users/{id}{?q}", "user", null, null),
                    call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), null, "user")))
            .prompt(Prompt.of("greet", "Greets", PromptArgument.required("name", "Who")),
                    call -> GetPromptResult.of(null, PromptMessage.user("hello")))
            .build();
    private static final JsonRpcCodec CODEC = SERVER.connector().codec();

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"MCP-Protocol-Version: ", "Mcp-Method: ", "Mcp-Name: ", "Mcp-Param-Region: ",
            "Mcp-Param-Count: ", "Mcp-Param-Dry-Run: ", "=?base64?", "?=", "2026-07-28", "2025-06-18", "2024-11-05",
            "\"_meta\":", "\"" + MetaKeys.PROTOCOL_VERSION + "\"", "\"" + MetaKeys.CLIENT_CAPABILITIES + "\"",
            "\"" + MetaKeys.LOG_LEVEL + "\"", "\"" + MetaKeys.CLIENT_INFO + "\"", "\"progressToken\"",
            "tools/call", "tools/list", "resources/read", "prompts/get", "initialize", "ping", "server/discover",
            "\"arguments\":", "\"region\"", "\"count\"", "\"dry\"", "\"uri\"", "mem://users/", "\"name\""})
    void everyRequestIsServedOrRefusedWithAClientError(byte[] input) {
        Exchange exchange = Exchange.parse(new String(input, StandardCharsets.UTF_8));
        Answers answers = new Answers();
        Map<CallContext.Key<?>, Object> attributes = exchange.headers == null ? Map.of()
                : Map.of(TransportAttributes.MIRRORED_HEADERS, exchange.headers);
        List<Decoded> sent = new ArrayList<>();
        Channel channel = SERVER.connector().open(answers, Map.of(TransportAttributes.TRANSPORT, "fuzz"));
        try {
            for (String line : exchange.messages) {
                Decoded decoded = CODEC.decode(line.getBytes(StandardCharsets.UTF_8));
                sent.add(decoded);
                channel.receive(new Inbound(decoded, answers, attributes, Inbound.Threading.INLINE_IF_NON_BLOCKING));
            }
            channel.shutdown(Duration.ofSeconds(2));
        } finally {
            channel.close();
        }
        answers.check(exchange.headers, sent);
    }

    /** The headers and messages of one input. */
    private record Exchange(MirroredHeaders headers, List<String> messages) {

        static Exchange parse(String text) {
            int blank = text.indexOf("\n\n");
            String body = blank < 0 ? text : text.substring(blank + 2);
            List<String> messages = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank() && messages.size() < MAX_MESSAGES) {
                    messages.add(line);
                }
            }
            return new Exchange(blank < 0 ? null : headers(text.substring(0, blank)), messages);
        }

        /** The mirrored headers as the HTTP transport reads them: the first of each wins, names in any case. */
        private static MirroredHeaders headers(String block) {
            String version = null;
            String method = null;
            String name = null;
            Map<String, String> params = new HashMap<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (header) {
                    case "mcp-protocol-version" -> version = version == null ? value : version;
                    case "mcp-method" -> method = method == null ? value : method;
                    case "mcp-name" -> name = name == null ? value : name;
                    default -> {
                        if (header.startsWith("mcp-param-") && header.length() > "mcp-param-".length()) {
                            params.putIfAbsent(header.substring("mcp-param-".length()), value);
                        }
                    }
                }
            }
            return new MirroredHeaders(version, method, name, params);
        }
    }

    /** What the channel answered, with the error code of each final answer. */
    private static final class Answers implements MessageSink {

        private final ConcurrentLinkedQueue<byte[]> messages = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Integer> codes = new ConcurrentLinkedQueue<>();

        @Override
        public void send(byte[] message) {
            messages.add(message);
        }

        @Override
        public void answer(byte[] message, int errorCode, boolean refused) {
            codes.add(errorCode);
            messages.add(message);
        }

        void check(MirroredHeaders headers, List<Decoded> sent) {
            assertThat(codes).as("answers' error codes").doesNotContain(JsonRpcError.INTERNAL_ERROR);
            Set<RequestId> refuse = mustBeRefused(headers, sent);
            for (byte[] message : messages) {
                String text = new String(message, StandardCharsets.UTF_8);
                Decoded decoded = CODEC.decode(message);
                List<Decoded> items = decoded instanceof Decoded.Batch batch ? batch.items() : List.of(decoded);
                for (Decoded item : items) {
                    assertThat(item).as(text).isNotInstanceOf(Decoded.Invalid.class);
                    if (item instanceof Decoded.Message(Response.Failure failure)) {
                        assertThat(failure.error().code()).as(text).isNotEqualTo(JsonRpcError.INTERNAL_ERROR);
                    }
                    if (item instanceof Decoded.Message(Response.Success success)) {
                        assertThat(refuse).as("served although its mirrored headers contradict it: " + text)
                                .doesNotContain(success.id());
                    }
                }
            }
        }

        /**
         * The ids of the 2026-07-28 requests (their {@code _meta} names a protocol version) whose
         * {@code MCP-Protocol-Version} or {@code Mcp-Method} header is missing or different; none when an
         * id is used twice, since then the answers cannot be told apart.
         */
        private static Set<RequestId> mustBeRefused(MirroredHeaders headers, List<Decoded> sent) {
            Set<RequestId> refuse = new HashSet<>();
            Set<RequestId> seen = new HashSet<>();
            for (Decoded decoded : sent) {
                if (!(decoded instanceof Decoded.Message(Request request))) {
                    continue;
                }
                if (!seen.add(request.id())) {
                    return Set.of();
                }
                if (headers == null || request.rawParams() == null) {
                    continue;
                }
                JsonNode version = request.rawParams().tree().path("_meta").path(MetaKeys.PROTOCOL_VERSION);
                if (version.isString() && (!version.asString().equals(headers.protocolVersion())
                        || !request.method().equals(headers.method()))) {
                    refuse.add(request.id());
                }
            }
            return refuse;
        }
    }
}
