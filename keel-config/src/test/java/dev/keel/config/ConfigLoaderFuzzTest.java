package dev.keel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any YAML file, environment and system properties give a configuration or a {@link ConfigException}
 * whose every problem is a line of text: never another exception, so {@code keel serve} reports bad
 * configuration by key instead of with a stack trace.
 *
 * <p>An input is the file's text, after leading lines of environment variables ({@code $KEEL_HTTP_PORT=1})
 * and system properties ({@code -Dkeel.http.port=1}).
 */
class ConfigLoaderFuzzTest {

    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("keel-fuzz", ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FILE.toFile().deleteOnExit();
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"keel:", "  http:", "    port: ", "$KEEL_HTTP_PORT=", "-Dkeel.http.port=", "keep-alive: ",
            "idle-timeout: ", "timeout: ", "toolsets: ", "filesystem:", "roots: ", "plugins:", "dir: ", "state:",
            "keys: ", "ms", "PT", "999999999999999999", "-1", "!!binary ", "&a ", "*a", "[", "{", "\"\\0\"", ": "})
    void everyInputIsAConfigurationOrProblemsByKey(byte[] input) throws IOException {
        Map<String, String> env = new HashMap<>();
        Map<String, String> properties = new HashMap<>();
        int start = 0;
        while (start < input.length) {
            int end = start;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            String line = new String(input, start, end - start, StandardCharsets.UTF_8);
            int equals = line.indexOf('=');
            if (line.startsWith("$") && equals > 0) {
                env.put(line.substring(1, equals), line.substring(equals + 1));
            } else if (line.startsWith("-D") && equals > 0) {
                properties.put(line.substring(2, equals), line.substring(equals + 1));
            } else {
                break;
            }
            start = Math.min(end + 1, input.length);
        }
        Files.write(FILE, Arrays.copyOfRange(input, start, input.length));
        try {
            KeelConfig config = ConfigLoader.load(FILE, env, properties);
            assertThat(config.problems()).isEmpty();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem).isNotBlank());
        }
    }
}
