package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line explains itself and refuses bad flags with one clear line and status 2. */
class KeelCommandLineTest {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(KeelMain.run("--help")).isZero();
        assertThat(stdout()).contains("serve").contains("--version");
    }

    @Test
    void helpForOneCommandAndSuggestionsStillKnowEveryCommand() {
        assertThat(KeelMain.run("help", "call")).isZero();
        assertThat(stdout()).contains("Calls a tool");
        assertThat(KeelMain.run("serv")).isEqualTo(2);
        assertThat(stderr()).contains("Did you mean").contains("serve");
    }

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertThat(KeelMain.subcommands("serve", "--stdio")).containsExactly("serve");
        assertThat(KeelMain.subcommands("config", "check")).containsExactly("config");
        assertThat(KeelMain.subcommands("--help")).isEqualTo(KeelMain.SUBCOMMANDS);
        assertThat(KeelMain.subcommands("help", "serve")).isEqualTo(KeelMain.SUBCOMMANDS);
        assertThat(KeelMain.subcommands("nope")).isEqualTo(KeelMain.SUBCOMMANDS);
        assertThat(KeelMain.subcommands()).isEqualTo(KeelMain.SUBCOMMANDS);
    }

    @Test
    void serveHelpExplainsEveryFlag() {
        assertThat(KeelMain.run("serve", "--help")).isZero();
        assertThat(stdout()).contains("--stdio", "--toolset", "--max-message-bytes", "--max-in-flight",
                "--shutdown-grace", "--log-level", "demo");
    }

    @Test
    void anUnknownToolsetIsNamed() {
        assertThat(KeelMain.run("serve", "--stdio", "--toolset", "nope")).isEqualTo(2);
        assertThat(stderr()).contains("keel.toolsets: no toolset named 'nope'; available: demo, everything, filesystem");
    }

    @Test
    void aMalformedDurationIsExplained() {
        assertThat(KeelMain.run("serve", "--stdio", "--shutdown-grace", "soon")).isEqualTo(2);
        assertThat(stderr()).contains("'soon' is not a duration");
    }

    @Test
    void aMalformedLogLevelIsExplained() {
        assertThat(KeelMain.run("serve", "--stdio", "--log-level", "loud")).isEqualTo(2);
        assertThat(stderr()).contains("keel.log.level: 'loud' is not a level; use trace, debug, info, warn or error");
    }

    @Test
    void configCheckNamesEveryBadKeyAndExitsTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("keel.yaml");
        java.nio.file.Files.writeString(file, "keel:\n  http:\n    port: 99999\n  shutdown:\n    timeout: forever\n");
        assertThat(KeelMain.run("config", "check", file.toString())).isEqualTo(2);
        assertThat(stderr()).contains("keel.http.port: 99999 is not a port").contains("keel.shutdown.timeout: 'forever'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theExampleConfigurationIsValid() {
        assertThat(KeelMain.run("config", "check", "../examples/keel.yaml")).isZero();
    }
}
