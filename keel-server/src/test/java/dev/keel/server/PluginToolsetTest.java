package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A toolset of one's own, compiled into a jar here, found through ServiceLoader in the plug-ins
 * directory and on --classpath, and selected by name.
 */
class PluginToolsetTest {

    private static final String SOURCE = """
            package example;

            import dev.keel.core.McpServer;
            import dev.keel.core.Tool;
            import dev.keel.spec.CallToolResult;

            public final class ShoutToolset implements dev.keel.server.Toolset {
                public String name() { return "shout"; }
                public String description() { return "shouts"; }
                public void register(McpServer.Builder server) {
                    server.tool(Tool.builder("shout").inputSchema(
                            "{\\"type\\":\\"object\\",\\"properties\\":{\\"text\\":{\\"type\\":\\"string\\"}}}").build(),
                            call -> CallToolResult.text(call.arguments().path("text").asString().toUpperCase()));
                }
            }
            """;

    private static Path pluginJar(Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/example"));
        Files.writeString(sources.resolve("ShoutToolset.java"), SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-proc:none", "-cp", classPath, "-d", classes.toString(),
                sources.resolve("ShoutToolset.java").toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Path jar = dir.resolve("shout.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("example/ShoutToolset.class"));
            out.write(Files.readAllBytes(classes.resolve("example/ShoutToolset.class")));
            out.putNextEntry(new JarEntry("META-INF/services/dev.keel.server.Toolset"));
            out.write("example.ShoutToolset\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static String serveAndCall(List<String> extra, Path workDir) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, KeelMain.class.getName(), "serve", "--stdio", "--toolset", "shout"));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"shout\",\"arguments\":"
                    + "{\"text\":\"hello\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    @Test
    void aPluginJarOnTheClassPathFlagIsServed(@TempDir Path dir) throws Exception {
        Path jar = pluginJar(dir);
        assertThat(serveAndCall(List.of("--classpath", jar.toString()), dir)).contains("\"text\":\"HELLO\"");
    }

    @Test
    void aPluginJarInThePluginsDirectoryIsServed(@TempDir Path dir) throws Exception {
        Path jar = pluginJar(dir);
        Path plugins = Files.createDirectories(dir.resolve("app/plugins"));
        Files.copy(jar, plugins.resolve("shout.jar"));
        Files.writeString(dir.resolve("app/keel.yaml"), "keel:\n  plugins:\n    dir: plugins\n");
        assertThat(serveAndCall(List.of("--config", dir.resolve("app/keel.yaml").toString()), dir))
                .contains("\"text\":\"HELLO\"");
    }

    @Test
    void anUnknownToolsetNamesTheAvailableOnes() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(KeelMain.run("serve", "--stdio", "--toolset", "shout")).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no toolset named 'shout'").contains("filesystem");
    }
}
