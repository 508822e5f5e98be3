package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a client sends cannot forge a log line nor make one huge. */
class LogTextTest {

    @Test
    void plainTextIsKeptAsItIs() {
        String method = "tools/call";
        assertThat(LogText.of(method)).isSameAs(method);
        assertThat(LogText.of(null)).isEqualTo("null");
        assertThat(LogText.of(42)).isEqualTo("42");
    }

    @Test
    void controlCharactersAreEscapedSoNoLineCanBeForged() {
        assertThat(LogText.of("id\nINFO forged line\r\t\u0000\u2028"))
                .isEqualTo("id\\nINFO forged line\\r\\t\\u0000\\u2028")
                .doesNotContain("\n");
    }

    @Test
    void longValuesAreCutAndSaySo() {
        String huge = "x".repeat(4 << 20);
        assertThat(LogText.of(huge)).hasSize(LogText.MAX_CHARS + "…(4194104 more)".length())
                .endsWith("…(4194104 more)");
        assertThat(LogText.of("\n".repeat(300))).startsWith("\\n\\n").endsWith("…(100 more)");
    }
}
