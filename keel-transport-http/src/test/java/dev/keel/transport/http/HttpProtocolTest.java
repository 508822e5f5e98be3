package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.StringSchema;
import dev.keel.testkit.CheckLeaks;
import tools.jackson.databind.JsonNode;

/** What the endpoint answers, era by era, status by status, as the spec's HTTP tables have it. */
@CheckLeaks
class HttpProtocolTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stepsStarted = new CountDownLatch(1);
    private final CountDownLatch stubbornEnded = new CountDownLatch(1);
    private HttpFixture fixture;

    private HttpFixture start(UnaryOperator<HttpTransport.Builder> settings) {
        McpServer server = McpServer.builder().name("http-test").version("1.0.0")
                .tool(Tool.builder("echo").inputSchema("{\"type\":\"object\",\"properties\":{\"message\":"
                        + "{\"type\":\"string\"}}}").build(),
                        call -> CallToolResult.text(call.arguments().path("message").asString("")))
                .tool(Tool.builder("weather").inputSchema("{\"type\":\"object\",\"properties\":{"
                        + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
                        + "\"days\":{\"type\":\"integer\",\"x-mcp-header\":\"Days\"}}}").build(),
                        call -> CallToolResult.text("sunny in " + call.arguments().path("region").asString("?")))
                .tool(Tool.builder("stubborn").timeout(Duration.ofMillis(150)).build(), call -> {
                    // ignores its interrupt: runs on past its deadline, until the test lets it go
                    boolean interrupted = false;
                    while (true) {
                        try {
                            release.await();
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    stubbornEnded.countDown();
                    return CallToolResult.text("too late, interrupted: " + interrupted);
                })
                .tool(Tool.builder("ask").build(), call -> CallToolResult.text("hello " + call.elicit("Name?",
                        ElicitRequestFormParams.RequestedSchema.of(Map.of("name", StringSchema.of("Name", "Your name")),
                                "name")).content().get("name")))
                .tool(Tool.builder("steps").build(), call -> {
                    stepsStarted.countDown();
                    call.progress(1, 2.0, "half way");
                    release.await();
                    call.progress(2, 2.0, "done");
                    return CallToolResult.text("finished");
                })
                .build();
        fixture = new HttpFixture(server, settings);
        return fixture;
    }

    private HttpFixture start() {
        return start(b -> b);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (fixture != null) {
            fixture.close();
        }
    }

    // ------------------------------------------------------------------ 2026-07-28

    @Test
    void aModernCallIsAnsweredWithJson() throws Exception {
        HttpFixture.Answer answer = start().modern("tools/call", "\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}")
                .header("Mcp-Name", "echo").send();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("result").path("content").get(0).path("text").asString()).isEqualTo("hi");
        assertThat(answer.header("Mcp-Session-Id")).as("no session in 2026-07-28").isNull();
    }

    @Test
    void aPostWhoseAcceptAdmitsNeitherJsonNorAStreamIs406() throws Exception {
        HttpFixture f = start();
        String echo = "\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}";
        for (String refused : new String[] {"text/html", "application/json;q=0, text/plain"}) {
            HttpFixture.Answer answer = f.modern("tools/call", echo).header("Mcp-Name", "echo").header("Accept", refused)
                    .send();
            assertThat(answer.status()).as(refused).isEqualTo(406);
            assertThat(answer.json().path("error").path("message").asString()).contains("Not Acceptable")
                    .contains(refused);
        }
        for (String admitted : new String[] {"*/*", "application/*", "text/event-stream", "application/json; q=0.5"}) {
            assertThat(f.modern("tools/call", echo).header("Mcp-Name", "echo").header("Accept", admitted).send().status())
                    .as(admitted).isEqualTo(200);
        }
    }

    @Test
    void aDeadlineIsAnsweredOnTimeWhileAHandlerThatIgnoresItRunsOn() throws Exception {
        HttpFixture f = start();
        HttpFixture.Answer late = f.modern("tools/call", "\"name\":\"stubborn\",\"arguments\":{}")
                .header("Mcp-Name", "stubborn").header("Accept", "application/json").send();
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().path("result").path("isError").asBoolean()).isTrue();
        assertThat(late.json().path("result").path("content").get(0).path("text").asString())
                .contains("did not finish within");
        assertThat(stubbornEnded.getCount()).as("the handler still runs on the POST's thread").isEqualTo(1);
        release.countDown();
        assertThat(stubbornEnded.await(10, TimeUnit.SECONDS)).isTrue();
        // the thread that ran it is whole again: the next requests are served
        for (int i = 0; i < 3; i++) {
            assertThat(f.modern("tools/call", "\"name\":\"echo\",\"arguments\":{\"message\":\"again\"}")
                    .header("Mcp-Name", "echo").send().json().path("result").path("content").get(0).path("text")
                    .asString()).isEqualTo("again");
        }
    }

    @Test
    void anUnknownMethodIs404WithMethodNotFound() throws Exception {
        HttpFixture f = start();
        for (String method : List.of("unknown/method", "initialize", "ping", "logging/setLevel", "resources/subscribe")) {
            HttpFixture.Answer answer = f.modern(method, "").send();
            assertThat(answer.status()).as(method).isEqualTo(404);
            assertThat(answer.errorCode()).as(method).isEqualTo(-32601);
            assertThat(answer.json().path("id").asInt()).as("the id is echoed").isEqualTo(1);
        }
    }

    @Test
    void missingMetaIs400InvalidParamsButAnUnknownToolIsAnOrdinaryError() throws Exception {
        HttpFixture f = start();
        HttpFixture.Answer noMeta = f.post("{\"jsonrpc\":\"2.0\",\"id\":101,\"method\":\"server/discover\",\"params\":{}}")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "server/discover").send();
        assertThat(noMeta.status()).isEqualTo(400);
        assertThat(noMeta.errorCode()).isEqualTo(-32602);
        assertThat(noMeta.json().path("id").asInt()).isEqualTo(101);

        HttpFixture.Answer noCapabilities = f.post("{\"jsonrpc\":\"2.0\",\"id\":104,\"method\":\"server/discover\","
                + "\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "server/discover").send();
        assertThat(noCapabilities.status()).isEqualTo(400);
        assertThat(noCapabilities.errorCode()).isEqualTo(-32602);

        HttpFixture.Answer unknownTool = f.modern("tools/call", "\"name\":\"nope\"").header("Mcp-Name", "nope").send();
        assertThat(unknownTool.status()).isEqualTo(200);
        assertThat(unknownTool.errorCode()).isEqualTo(-32602);
    }

    @Test
    void anUnsupportedVersionIs400WithTheSupportedOnes() throws Exception {
        HttpFixture f = start();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"v999.0.0\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        HttpFixture.Answer unsupported = f.post(body).header("MCP-Protocol-Version", "v999.0.0")
                .header("Mcp-Method", "server/discover").send();
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.errorCode()).isEqualTo(-32022);
        assertThat(unsupported.json().path("error").path("data").path("requested").asString()).isEqualTo("v999.0.0");
        assertThat(unsupported.json().path("error").path("data").path("supported").toString()).contains("2026-07-28");

        HttpFixture.Answer mismatch = f.post(body).header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "server/discover").send();
        assertThat(mismatch.status()).as("a header that contradicts _meta is a mismatch first").isEqualTo(400);
        assertThat(mismatch.errorCode()).isEqualTo(-32020);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # case                          | MCP-Protocol-Version | Mcp-Method  | status | code
            matching headers                 | 2026-07-28           | tools/list  | 200    | 0
            version header missing           | NULL                 | tools/list  | 400    | -32020
            method header missing            | 2026-07-28           | NULL        | 400    | -32020
            method header differs            | 2026-07-28           | tools/call  | 400    | -32020
            method values are case-sensitive | 2026-07-28           | TOOLS/LIST  | 400    | -32020
            """)
    void theStandardHeadersMustMirrorTheBody(String name, String version, String method, int status, int code)
            throws Exception {
        HttpFixture.Answer answer = start().modern("tools/list", "").header("MCP-Protocol-Version", version)
                .header("Mcp-Method", method).send();
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.errorCode()).isEqualTo(code);
    }

    @Test
    void headerNamesAreCaseInsensitiveAndNamesAreTrimmed() throws Exception {
        HttpFixture f = start();
        HttpFixture.Answer lower = f.modern("tools/call", "\"name\":\"echo\",\"arguments\":{}").header("Mcp-Method", null)
                .header("mcp-method", "tools/call").header("MCP-NAME", "  echo  ").send();
        assertThat(lower.status()).isEqualTo(200);
        assertThat(lower.errorCode()).isZero();
        HttpFixture.Answer missingName = f.modern("tools/call", "\"name\":\"echo\",\"arguments\":{}").send();
        assertThat(missingName.status()).isEqualTo(400);
        assertThat(missingName.errorCode()).isEqualTo(-32020);
        HttpFixture.Answer otherName = f.modern("tools/call", "\"name\":\"echo\",\"arguments\":{}")
                .header("Mcp-Name", "weather").send();
        assertThat(otherName.errorCode()).isEqualTo(-32020);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # case                           | Mcp-Param-Region      | body region      | status | code
            plain value                       | Hello                 | Hello            | 200    | 0
            base64 sentinel                   | =?base64?SGVsbG8=?=   | Hello            | 200    | 0
            base64 of non-ASCII               | =?base64?WsO8cmljaA==?= | Zürich         | 200    | 0
            bad padding                       | =?base64?SGVsbG8?=    | Hello            | 400    | -32020
            bad characters                    | =?base64?SGVs!!!bG8=?= | Hello           | 400    | -32020
            literal that looks like base64    | SGVsbG8=              | SGVsbG8=         | 200    | 0
            unterminated sentinel is literal  | =?base64?SGVsbG8=     | =?base64?SGVsbG8= | 200   | 0
            header omitted                    | NULL                  | Hello            | 400    | -32020
            header differs                    | Bye                   | Hello            | 400    | -32020
            """)
    void parameterHeadersMirrorAnnotatedArguments(String name, String header, String region, int status, int code)
            throws Exception {
        String arguments = HttpFixture.JSON.writeValueAsString(java.util.Map.of("region", region));
        HttpFixture.Answer answer = start().modern("tools/call", "\"name\":\"weather\",\"arguments\":" + arguments)
                .header("Mcp-Name", "weather").header("Mcp-Param-Region", header).send();
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.errorCode()).isEqualTo(code);
    }

    @Test
    void integerParameterHeadersCompareNumerically() throws Exception {
        HttpFixture f = start();
        HttpFixture.Answer same = f.modern("tools/call", "\"name\":\"weather\",\"arguments\":{\"days\":42}")
                .header("Mcp-Name", "weather").header("Mcp-Param-Days", "42.0").send();
        assertThat(same.errorCode()).isZero();
        HttpFixture.Answer absent = f.modern("tools/call", "\"name\":\"weather\",\"arguments\":{\"days\":null}")
                .header("Mcp-Name", "weather").send();
        assertThat(absent.errorCode()).as("no header is expected for a null argument").isZero();
    }

    @Test
    void notificationsAreAcceptedAndGetAndDeleteNeedASession() throws Exception {
        HttpFixture f = start();
        HttpFixture.Answer notification = f.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\",\"params\":{"
                + HttpFixture.META + "}}").header("MCP-Protocol-Version", "2026-07-28").send();
        assertThat(notification.status()).isEqualTo(202);
        assertThat(notification.response().body()).isEmpty();
        HttpResponse<String> get = f.http.send(HttpRequest.newBuilder(f.url()).GET().header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> delete = f.http.send(HttpRequest.newBuilder(f.url()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void progressTurnsTheResponseIntoAnEventStream() throws Exception {
        HttpFixture f = start();
        release.countDown();
        HttpFixture.Answer answer = f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"steps\",\"_meta\":{\"progressToken\":1,\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}").header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call").header("Mcp-Name", "steps").send();
        assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
        assertThat(answer.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(answer.json().path("result").path("content").get(0).path("text").asString()).isEqualTo("finished");
    }

    @Test
    void aBadBodyIs400AndABatchIsRefused() throws Exception {
        HttpFixture f = start();
        HttpFixture.Answer garbage = f.post("{oops").header("MCP-Protocol-Version", "2026-07-28").send();
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.errorCode()).isEqualTo(-32700);
        HttpFixture.Answer batch = f.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]")
                .header("MCP-Protocol-Version", "2026-07-28").send();
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.errorCode()).isEqualTo(-32600);
        HttpFixture.Answer text = f.post("{}").header("Content-Type", "text/plain").send();
        assertThat(text.status()).isEqualTo(415);
        assertThat(f.modern("tools/list", "").send().status()).as("still serving").isEqualTo(200);
    }

    // ------------------------------------------------------------------ legacy sessions

    private String initialize(HttpFixture f, String version) throws Exception {
        HttpFixture.Answer answer = f.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"" + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
                .send();
        assertThat(answer.status()).isEqualTo(200);
        String session = answer.header("Mcp-Session-Id");
        assertThat(session).matches("[\\x21-\\x7E]{32,}");
        assertThat(f.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", version).send().status()).isEqualTo(202);
        return session;
    }

    @Test
    void aLegacySessionLivesUntilDeleteAndIsThen404() throws Exception {
        HttpFixture f = start();
        String session = initialize(f, "2025-11-25");
        HttpFixture.Answer list = f.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-03-26").send();
        assertThat(list.status()).as("any legacy version header is tolerated within a session").isEqualTo(200);
        assertThat(list.json().path("result").path("tools").size()).isEqualTo(5);
        HttpFixture.Answer badVersion = f.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "1999-01-01").send();
        assertThat(badVersion.status()).isEqualTo(400);

        HttpResponse<String> delete = f.http.send(HttpRequest.newBuilder(f.url()).DELETE()
                .header("Mcp-Session-Id", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(204);
        HttpFixture.Answer after = f.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", session).send();
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.json().path("id").asInt()).isEqualTo(3);
        assertThat(f.transport.sessionCount()).isZero();
    }

    @Test
    void aLostLegacyStreamIsResumedWithLastEventId() throws Exception {
        HttpFixture f = start();
        String session = initialize(f, "2025-11-25");
        String body = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"steps\",\"arguments\":{},\"_meta\":{\"progressToken\":\"t\"}}}";
        List<String> seen = new ArrayList<>();
        String lastId = null;
        // a socket, so that closing it really drops the connection (the JDK client would drain it)
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", f.transport.port())) {
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nMcp-Session-Id: " + session + "\r\n"
                    + "MCP-Protocol-Version: 2025-11-25\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            // the priming event (an id, a retry, no data), then the first progress notification
            while (seen.stream().noneMatch(l -> l.contains("half way"))) {
                String line = reader.readLine();
                seen.add(line);
                if (line.startsWith("id: ")) {
                    lastId = line.substring(4);
                }
            }
        }
        assertThat(seen).contains("HTTP/1.1 200 OK").anyMatch(l -> l.startsWith("retry: "));
        // the keep-alive comments show the server the connection is gone; in a legacy session that cancels nothing
        LegacyStream stream = f.transport.sessions().get(session).stream("1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stream.attached() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(stream.attached()).isFalse();
        release.countDown();

        HttpResponse<String> resumed = f.http.send(HttpRequest.newBuilder(f.url()).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25").header("Last-Event-ID", lastId).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.body()).doesNotContain("half way").contains("\"done\"").contains("finished");
        assertThat(resumed.body().indexOf("\"done\"")).isLessThan(resumed.body().indexOf("finished"));
    }

    @Test
    void theStandaloneStreamCarriesListChanges() throws Exception {
        HttpFixture f = start();
        String session = initialize(f, "2025-06-18");
        HttpResponse<java.io.InputStream> stream = f.http.send(HttpRequest.newBuilder(f.url()).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        f.server.addTool(Tool.builder("late").build(), call -> CallToolResult.text("late"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.startsWith("data: "));
        assertThat(line).contains("notifications/tools/list_changed");
        stream.body().close();
    }

    @Test
    void aLegacyBatchIsAnsweredAsOne() throws Exception {
        HttpFixture f = start();
        String session = initialize(f, "2025-03-26");
        HttpFixture.Answer batch = f.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}]").header("Mcp-Session-Id", session).send();
        assertThat(batch.status()).isEqualTo(200);
        JsonNode answers = batch.json();
        assertThat(answers.isArray()).isTrue();
        assertThat(answers.size()).isEqualTo(2);
    }

    @Test
    void theDeprecatedSseTransportServesOldClients() throws Exception {
        HttpFixture f = start(b -> b.legacySse(true));
        java.net.URI sse = f.url().resolve("/sse");
        HttpResponse<java.io.InputStream> stream = f.http.send(HttpRequest.newBuilder(sse).GET()
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("event: endpoint");
        String endpoint = reader.readLine().substring("data: ".length());
        assertThat(endpoint).startsWith("/messages?sessionId=");
        HttpResponse<String> posted = f.http.send(HttpRequest.newBuilder(f.url().resolve(endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.startsWith("data: "));
        assertThat(line).contains("\"protocolVersion\":\"2024-11-05\"");
        stream.body().close();
        HttpResponse<String> unknown = f.http.send(HttpRequest.newBuilder(f.url().resolve("/messages?sessionId=nope"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void whileDrainingAnAnswerToAQuestionStillGetsIn() throws Exception {
        HttpFixture f = start();
        String session = f.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"elicitation\":{}},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}").send().header("Mcp-Session-Id");
        f.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18").send();
        HttpResponse<java.io.InputStream> call = f.http.send(f.post("{\"jsonrpc\":\"2.0\",\"id\":1,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"ask\",\"arguments\":{}}}")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18").request(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(call.body(), StandardCharsets.UTF_8))) {
            String question = null;
            for (String line = events.readLine(); line != null && question == null; line = events.readLine()) {
                if (line.startsWith("data: ") && line.contains("elicitation/create")) {
                    question = line.substring(6);
                }
            }
            assertThat(question).isNotNull();
            JsonNode asked = HttpFixture.JSON.readTree(question);

            Thread stopper = Thread.ofVirtual().start(() -> f.transport.stop(Duration.ofSeconds(10)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int refused = 0;
            while (refused != 503 && System.nanoTime() < deadline) {
                refused = f.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").header("Mcp-Session-Id", session)
                        .header("MCP-Protocol-Version", "2025-06-18").send().status();
            }
            assertThat(refused).as("a new request is refused while draining").isEqualTo(503);
            HttpFixture.Answer answered = f.post("{\"jsonrpc\":\"2.0\",\"id\":" + asked.path("id")
                    + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}")
                    .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18").send();
            assertThat(answered.status()).as("the answer a running request waits for").isEqualTo(202);
            String result = null;
            for (String line = events.readLine(); line != null && result == null; line = events.readLine()) {
                if (line.startsWith("data: ") && line.contains("\"result\"")) {
                    result = line;
                }
            }
            assertThat(result).contains("hello Ada");
            assertThat(stopper.join(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void stoppingLetsRunningRequestsFinishAndRefusesNewOnes() throws Exception {
        HttpFixture f = start();
        var running = f.http.sendAsync(f.modern("tools/call", "\"name\":\"steps\",\"arguments\":{}")
                .header("Mcp-Name", "steps").header("Accept", "application/json").request(), HttpResponse.BodyHandlers.ofString());
        assertThat(stepsStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopper = Thread.ofVirtual().start(() -> f.transport.stop(Duration.ofSeconds(10)));
        assertThat(stopper.join(Duration.ofMillis(300))).as("stop waits for the running request").isFalse();
        release.countDown();
        HttpResponse<String> done = running.get(10, TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("finished");
        assertThat(stopper.join(Duration.ofSeconds(10))).isTrue();
    }
}
