package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keel.config.ConfigLoader;
import dev.keel.config.KeelConfig;
import dev.keel.core.McpServer;
import dev.keel.spec.ElicitResult;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;
import tools.jackson.databind.JsonNode;

/**
 * {@code keel.state.keys} reaches the engine: instances that share keys open each other's list
 * cursors and {@code requestState} (what a restart or another node behind a load balancer needs), an
 * instance with other keys refuses them with -32602, and a rotated key list still opens what the old
 * key sealed.
 */
class StateKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OLD = key();
    private static final String NEW = key();

    private final List<McpServer> servers = new ArrayList<>();

    @AfterEach
    void close() {
        servers.forEach(McpServer::close);
    }

    private static String key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** An everything server assembled by {@link KeelRuntime} from {@code keel.state.keys} (none if null). */
    private McpServer server(String stateKeys) throws Exception {
        Map<String, String> properties = stateKeys == null ? Map.of("keel.toolsets", "everything")
                : Map.of("keel.toolsets", "everything", "keel.state.keys", stateKeys);
        KeelConfig config = ConfigLoader.load(null, Map.of(), properties);
        McpServer server = new KeelRuntime(config, List.of(), new PrintWriter(Writer.nullWriter())).assemble().server();
        servers.add(server);
        return server;
    }

    private static McpTestClient client(McpServer server) {
        return McpTestClient.builder().autoRetry(false)
                .onElicitation(params -> ElicitResult.accept(Map.of("name", "Ada"))).connect(server);
    }

    /** The cursor of the second page of everything's 55 resources, as {@code server} seals it. */
    private static String cursorFrom(McpServer server) {
        try (McpTestClient client = client(server)) {
            String cursor = client.request("resources/list", Map.of()).result().path("nextCursor").asString(null);
            assertThat(cursor).isNotNull();
            return cursor;
        }
    }

    private static Reply secondPage(McpServer server, String cursor) {
        try (McpTestClient client = client(server)) {
            return client.request("resources/list", Map.of("cursor", cursor));
        }
    }

    /** The {@code requestState} of ask_name's first attempt, which asks for a name, as {@code server} seals it. */
    private static String requestStateFrom(McpServer server) {
        try (McpTestClient client = client(server)) {
            JsonNode first = client.request("tools/call", Map.of("name", "ask_name", "arguments", Map.of())).result();
            assertThat(first.path("resultType").asString()).isEqualTo("input_required");
            assertThat(first.path("inputRequests").propertyNames()).containsExactly("elicit-1");
            return first.path("requestState").asString();
        }
    }

    /** ask_name's retry, answering its question, with {@code requestState}. */
    private static Reply retry(McpServer server, String requestState) {
        try (McpTestClient client = client(server)) {
            return client.request("tools/call", Map.of("name", "ask_name", "arguments", Map.of(),
                    "requestState", requestState, "inputResponses",
                    Map.of("elicit-1", Map.of("action", "accept", "content", Map.of("name", "Ada")))));
        }
    }

    private static void assertSecondPage(Reply reply) {
        assertThat(reply.isError()).as("the cursor opened: %s", reply).isFalse();
        assertThat(reply.result().path("resources").size()).isEqualTo(5);
    }

    private static void assertAnswered(Reply reply) {
        assertThat(reply.isError()).as("the requestState opened: %s", reply).isFalse();
        assertThat(reply.result().path("content").get(0).path("text").asString()).isEqualTo("Hello, Ada!");
    }

    @Test
    void instancesSharingTheirKeysOpenEachOthersCursorsAndRequestState() throws Exception {
        McpServer one = server("k1:" + OLD);
        McpServer other = server("k1:" + OLD);

        assertSecondPage(secondPage(other, cursorFrom(one)));
        assertSecondPage(secondPage(one, cursorFrom(other)));
        assertAnswered(retry(other, requestStateFrom(one)));
        assertAnswered(retry(one, requestStateFrom(other)));
    }

    @Test
    void anInstanceWithAnotherKeyRefusesThemAsInvalidParams() throws Exception {
        McpServer one = server("k1:" + OLD);
        McpServer sameIdOtherKey = server("k1:" + NEW);
        McpServer otherId = server("k2:" + NEW);

        for (McpServer foreign : List.of(sameIdOtherKey, otherId)) {
            Reply cursor = secondPage(foreign, cursorFrom(one));
            assertThat(cursor.errorCode()).isEqualTo(-32602);
            assertThat(cursor.errorMessage())
                    .isEqualTo("Invalid params: the cursor is not one this server issued for resources/list");
            Reply state = retry(foreign, requestStateFrom(one));
            assertThat(state.errorCode()).isEqualTo(-32602);
            assertThat(state.errorMessage())
                    .isEqualTo("Invalid params: requestState was not issued by this server or has been altered");
        }
    }

    @Test
    void aRotatedListSealsWithItsFirstKeyAndStillOpensWhatTheOldOneSealed() throws Exception {
        McpServer before = server("old:" + OLD);
        McpServer rotated = server("new:" + NEW + ",old:" + OLD);

        assertSecondPage(secondPage(rotated, cursorFrom(before)));
        assertAnswered(retry(rotated, requestStateFrom(before)));

        Reply sealedWithNew = secondPage(before, cursorFrom(rotated));
        assertThat(sealedWithNew.errorCode()).as("the rotated server seals with its first key, which the old server"
                + " lacks").isEqualTo(-32602);
        assertThat(retry(before, requestStateFrom(rotated)).errorCode()).isEqualTo(-32602);
    }

    @Test
    void withoutKeysEachInstanceSealsWithItsOwnAndSaysSo() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(KeelRuntime.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.setLevel(Level.INFO);
        logger.addAppender(logged);
        try {
            McpServer one = server(null);
            McpServer other = server(null);

            assertThat(secondPage(other, cursorFrom(one)).errorCode()).isEqualTo(-32602);
            assertThat(retry(other, requestStateFrom(one)).errorCode()).isEqualTo(-32602);
            assertSecondPage(secondPage(one, cursorFrom(one)));
            assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("keel.state.keys"))
                    .as("one line per instance").hasSize(2)
                    .allSatisfy(e -> {
                        assertThat(e.getLevel()).isEqualTo(Level.INFO);
                        assertThat(e.getFormattedMessage()).contains("will not survive a restart");
                    });
            server("k1:" + OLD);
            assertThat(logged.list).as("nothing to say when keys are configured")
                    .filteredOn(e -> e.getFormattedMessage().contains("keel.state.keys")).hasSize(2);
        } finally {
            logger.detachAppender(logged);
            logger.setLevel(level);
        }
    }
}
