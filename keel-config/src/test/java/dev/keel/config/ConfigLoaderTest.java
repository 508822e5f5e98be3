package dev.keel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path file = dir.resolve("keel.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static ConfigException problems(Path file, Map<String, String> env, Map<String, String> properties) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, env, properties));
    }

    @Test
    void nothingConfiguredIsTheDefaults() throws Exception {
        KeelConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.toolsets()).containsExactly("demo");
    }

    @Test
    void theFileIsReadAndTheEnvironmentWinsOverItAndSystemPropertiesOverBoth() throws Exception {
        Path file = file("""
                keel:
                  toolsets: [demo, everything]
                  http:
                    port: 9000
                    keep-alive: 5s
                    sessions:
                      idle-ttl: 2m
                  shutdown:
                    timeout: 30s
                """);
        KeelConfig fromFile = ConfigLoader.load(file, Map.of(), Map.of());
        assertThat(fromFile.http().port()).isEqualTo(9000);
        assertThat(fromFile.http().keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromFile.http().sessions().idleTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fromFile.toolsets()).containsExactly("demo", "everything");

        Map<String, String> env = Map.of("KEEL_HTTP_PORT", "9100", "KEEL_SHUTDOWN_TIMEOUT", "1m",
                "KEEL_TOOLSETS", "everything, demo", "KEEL_HTTP_SESSIONS_IDLE_TTL", "PT90S");
        KeelConfig withEnv = ConfigLoader.load(file, env, Map.of());
        assertThat(withEnv.http().port()).isEqualTo(9100);
        assertThat(withEnv.shutdown().timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(withEnv.toolsets()).containsExactly("everything", "demo");
        assertThat(withEnv.http().sessions().idleTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(withEnv.http().keepAlive()).as("what the environment leaves alone stays").isEqualTo(Duration.ofSeconds(5));

        KeelConfig withProperties = ConfigLoader.load(file, env, Map.of("keel.http.port", "9200"));
        assertThat(withProperties.http().port()).isEqualTo(9200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a port that is not a number   | keel:\\n  http:\\n    port: abc                   | keel.http.port: 'abc' is not a whole number
            a port out of range           | keel:\\n  http:\\n    port: 70000                 | keel.http.port: 70000 is not a port; use 0..65535
            a misspelt key                | keel:\\n  htp:\\n    port: 1                     | keel.htp: unknown key
            a misspelt key is suggested   | keel:\\n  htp:\\n    port: 1                     | did you mean http?
            a duration without a unit     | keel:\\n  shutdown:\\n    timeout: 10             | keel.shutdown.timeout: 10 has no unit
            a duration that is not one    | keel:\\n  shutdown:\\n    timeout: soon           | keel.shutdown.timeout: 'soon' is not a duration
            a list given as a value       | keel:\\n  toolsets: demo                         | keel.toolsets: expected a list
            a boolean that is not one     | keel:\\n  http:\\n    legacy-sse: maybe           | keel.http.legacy-sse: 'maybe' is not true or false
            an unknown transport          | keel:\\n  transport: carrier-pigeon             | keel.transport: 'carrier-pigeon' is not a transport; use http or stdio
            a section given as a value    | keel:\\n  http: 8080                           | keel.http: expected a section of keys, found 8080
            a key outside keel            | kell:\\n  http: {}                              | kell: unknown key
            filesystem without roots      | keel:\\n  toolsets: [filesystem]                 | keel.filesystem.roots: the filesystem toolset needs at least one root
            keep-alive beyond idle        | keel:\\n  http:\\n    keep-alive: 1m              | keel.http.keep-alive: 1m must be shorter than keel.http.idle-timeout (30s)
            a bad log format              | keel:\\n  log:\\n    format: xml                  | keel.log.format: 'xml' is not a format; use text or json
            no connections per address    | keel:\\n  http:\\n    per-address:\\n      max-connections: 0 | keel.http.per-address.max-connections: 0 must be positive
            no room for events            | keel:\\n  http:\\n    sessions:\\n      max-total-event-bytes: 0 | keel.http.sessions.max-total-event-bytes: 0 must be positive
            no subscriptions              | keel:\\n  limits:\\n    max-subscriptions: 0 | keel.limits.max-subscriptions: 0 must be positive
            no id                         | keel:\\n  limits:\\n    max-id-length: -1 | keel.limits.max-id-length: -1 must be positive
            """)
    void everyProblemNamesItsKeyAndValue(String name, String yaml, String expected) throws Exception {
        Path file = file(yaml.replace("\\n", "\n"));
        ConfigException e = problems(file, Map.of(), Map.of());
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(expected);
    }

    @Test
    void theLimitsPerAddressHaveSafeDefaultsAndTheirOwnKeys() throws Exception {
        KeelConfig.PerAddress defaults = ConfigLoader.load(null, Map.of(), Map.of()).http().perAddress();
        assertThat(defaults).isEqualTo(new KeelConfig.PerAddress(1000, 512, 1000, 128));
        KeelConfig.Http http = KeelConfig.defaults().http();
        assertThat(defaults.maxConnections()).as("below the global limits").isLessThan(http.maxConnections());
        assertThat(defaults.maxInFlight()).isLessThan(http.maxInFlight());
        assertThat(defaults.maxSessions()).isLessThan(http.sessions().max());

        Path file = file("keel:\n  http:\n    per-address:\n      max-in-flight: 64\n      max-sessions: 10\n");
        KeelConfig.PerAddress configured = ConfigLoader.load(file, Map.of("KEEL_HTTP_PER_ADDRESS_MAX_LISTEN_STREAMS", "4"),
                Map.of("keel.http.per-address.max-connections", "20")).http().perAddress();
        assertThat(configured).isEqualTo(new KeelConfig.PerAddress(20, 64, 10, 4));
    }

    @Test
    void overridesThatCannotBeReadNameTheirSource() {
        ConfigException e = problems(null, Map.of("KEEL_HTTP_PORT", "eighty"), Map.of("keel.shutdown.timeout", "x"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "keel.http.port: 'eighty' is not a whole number (from KEEL_HTTP_PORT)",
                "keel.shutdown.timeout: 'x' is not a duration; write e.g. 500ms, 10s, 5m, 2h or PT10S (from -Dkeel.shutdown.timeout)");
    }

    @Test
    void allProblemsAreReportedAtOnce() throws Exception {
        Path file = file("keel:\n  http:\n    port: -5\n    max-in-flight: 0\n  log:\n    level: loud\n");
        assertThat(problems(file, Map.of(), Map.of()).problems()).hasSize(3);
    }

    /** 32 bytes of 0x00 and of 0xff: well-formed keys that say nothing about any real one. */
    private static final String ZEROS = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String ONES = "//////////////////////////////////////////8=";

    @Test
    void stateKeysComeFromTheFileOrTheEnvironmentInTheirOrder() throws Exception {
        Path file = file("keel:\n  state:\n    keys:\n      - old:" + ZEROS + "\n");
        assertThat(ConfigLoader.load(file, Map.of(), Map.of()).state().byId()).containsExactly(Map.entry("old", ZEROS));

        KeelConfig rotated = ConfigLoader.load(file, Map.of("KEEL_STATE_KEYS", "new:" + ONES + ", old:" + ZEROS), Map.of());
        assertThat(rotated.state().byId().keySet()).as("the first one seals").containsExactly("new", "old");
        assertThat(rotated.state().byId()).containsEntry("new", ONES).containsEntry("old", ZEROS);
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).state().keys()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a key of 16 bytes       | k1:AAAAAAAAAAAAAAAAAAAAAA==                                | keel.state.keys: the key of 'k1' is 16 bytes; it must be 32 (256 bits)
            a key that is no base64 | k1:not*base64                                              | keel.state.keys: the key of 'k1' is not base64
            an entry without an id  | AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=               | keel.state.keys: entry 1 has no id; write id:base64-key
            an id that is no id     | k 1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=           | keel.state.keys: 'k 1' (entry 1) is not a key id
            an id used twice        | k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,k1://////////////////////////////////////////8= | keel.state.keys: the id 'k1' is listed twice
            """)
    void aBadStateKeyIsNamedButNeverRepeated(String name, String keys, String expected) {
        ConfigException e = problems(null, Map.of("KEEL_STATE_KEYS", keys), Map.of());
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().getFirst()).startsWith(expected);
        for (String entry : keys.split(",")) {
            String material = entry.substring(entry.indexOf(':') + 1);
            assertThat(e.getMessage()).as("the key material stays out of the message").doesNotContain(material);
        }
    }

    @Test
    void relativeRootsAreResolvedAgainstTheFile() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path file = file("keel:\n  toolsets: [filesystem]\n  filesystem:\n    roots: [data, .]\n");
        KeelConfig config = ConfigLoader.load(file, Map.of(), Map.of());
        assertThat(config.filesystem().roots()).containsExactly(dir.resolve("data").toString(), dir.toString());
    }

    @Test
    void aDirectoryThatIsNoPathIsAProblemOfItsKey() throws Exception {
        // found by ConfigLoaderFuzzTest: a NUL in a root threw InvalidPathException out of load
        Path file = file("keel:\n  filesystem:\n    roots: [\"a\\0b\"]\n  plugins:\n    dir: \"p\\0\"\n");
        assertThat(problems(file, Map.of(), Map.of()).problems()).satisfiesExactlyInAnyOrder(
                problem -> assertThat(problem).startsWith("keel.filesystem.roots: 'a\0b' is not a path"),
                problem -> assertThat(problem).startsWith("keel.plugins.dir: 'p\0' is not a path"));
        assertThat(problems(null, Map.of("KEEL_FILESYSTEM_ROOTS", "docs,x\0y"), Map.of()).problems())
                .singleElement().asString().startsWith("keel.filesystem.roots: 'x\0y' is not a path");
    }

    @Test
    void aDurationTooLongToWaitForIsAProblemOfItsKey() throws Exception {
        // found by ConfigLoaderFuzzTest: such a keep-alive made the message about it throw ArithmeticException
        assertThat(problems(null, Map.of("KEEL_HTTP_KEEP_ALIVE", "PT9223372036854775807S"), Map.of()).problems())
                .singleElement().asString().startsWith("keel.http.keep-alive: 'PT9223372036854775807S' is too long a"
                        + " duration; the longest is 9223372036854775807ms (from KEEL_HTTP_KEEP_ALIVE)");
        Path file = file("keel:\n  shutdown:\n    timeout: 106751991167300d\n");
        assertThat(problems(file, Map.of(), Map.of()).problems()).singleElement().asString()
                .startsWith("keel.shutdown.timeout: '106751991167300d' is too long a duration");
        assertThat(Durations.format(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo("PT2562047788015215H30M7S");
        assertThat(Durations.format(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo("PT-2562047788015215H-30M-8S");
        assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    }

    @Test
    void aMissingOrBrokenFileIsAProblemNotAStackTrace() throws Exception {
        assertThat(problems(dir.resolve("nope.yaml"), Map.of(), Map.of()).getMessage()).contains("no such file");
        assertThat(problems(file("keel: [unclosed"), Map.of(), Map.of()).getMessage()).contains("not valid YAML");
    }

    @Test
    void theConfigurationDocumentIsGeneratedFromTheModel() throws Exception {
        assertThat(Files.readString(Path.of("..", "docs", "configuration.md"))).as(
                "docs/configuration.md is stale: regenerate it with ./keel config docs > docs/configuration.md")
                .isEqualTo(ConfigDocs.markdown());
    }

    @Test
    void everyKeyHasAnEnvironmentVariable() {
        assertThat(ConfigDocs.markdown()).contains("`KEEL_HTTP_SESSIONS_IDLE_TTL`", "`KEEL_FILESYSTEM_ROOTS`",
                "`KEEL_HTTP_WEBSOCKET_MAX_MESSAGE_BYTES`", "`KEEL_STATE_KEYS`");
    }
}
