package dev.keel.annotations.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keel.annotations.Arg;
import dev.keel.annotations.Prompt;
import dev.keel.annotations.Resource;
import dev.keel.annotations.Tool;
import dev.keel.core.McpServer;
import dev.keel.core.ResourceCall;
import dev.keel.spec.CallToolResult;

/** Declarations that cannot work fail the registration, naming the method and the problem; nothing is registered. */
class DeclarationErrorsTest {

    static final class Broken {
        @Tool
        String good() {
            return "fine";
        }

        @Tool(name = "no spaces allowed")
        String badName() {
            return "";
        }

        @Tool
        String twice(@Arg(name = "x") String a, @Arg(name = "x") String b) {
            return a + b;
        }

        @Tool
        String absentPrimitive(@Arg(required = false) int count) {
            return "" + count;
        }

        @Tool
        String badDefault(@Arg(defaultValue = "three") int count) {
            return "" + count;
        }

        @Tool
        <T> String vague(T value) {
            return "" + value;
        }

        @Tool
        Optional<String> maybe() {
            return Optional.empty();
        }

        @Tool(timeout = "soon")
        String whenever() {
            return "";
        }

        @Tool
        String wrongCall(ResourceCall call) {
            return "";
        }

        @Tool
        @Prompt
        String both() {
            return "";
        }

        @Resource(uri = "demo://items/{id}")
        String item(String name) {
            return name;
        }

        @Resource(uri = "demo://plain")
        String plain(String id) {
            return id;
        }

        @Resource(uri = "demo://nothing")
        void nothing() {
        }

        @Prompt
        int number() {
            return 1;
        }

        @Prompt
        String listed(List<String> items) {
            return "" + items;
        }
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsMethodAndNothingIsRegistered() {
        try (McpServer server = McpServer.builder().build()) {
            assertThatThrownBy(() -> server.register(new Broken()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(Broken.class.getName() + " declares 14 tools, resources or prompts wrongly:")
                    .hasMessageContaining("- Broken.badName(): tool name 'no spaces allowed' must be 1 to 128 characters")
                    .hasMessageContaining("- Broken.twice(String, String): parameter 2 (String b): another parameter is"
                            + " named x too")
                    .hasMessageContaining("- Broken.absentPrimitive(int): parameter 1 (int count): a primitive int cannot be"
                            + " absent; give it a defaultValue, or take Optional<Integer> or Integer")
                    .hasMessageContaining("- Broken.badDefault(int): parameter 1 (int count): its defaultValue 'three' does"
                            + " not read as int (it is read as JSON)")
                    .hasMessageContaining("- Broken.vague(Object): parameter 1 (Object value): its type T is a type"
                            + " variable; give it a concrete type")
                    .hasMessageContaining("- Broken.maybe(): returns an Optional: return the value, or throw a ToolError")
                    .hasMessageContaining("- Broken.whenever(): timeout 'soon' is not a positive duration")
                    .hasMessageContaining("- Broken.wrongCall(ResourceCall): parameter 1 (ResourceCall call): a tool"
                            + " receives a ToolCall, not a ResourceCall")
                    .hasMessageContaining("- Broken.both(): is annotated as more than one of @Tool, @Resource and @Prompt")
                    .hasMessageContaining("- Broken.item(String): parameter name is no variable of the URI template"
                            + " demo://items/{id} (it has id)")
                    .hasMessageContaining("- Broken.plain(String): parameter id is no variable of the resource's URI,"
                            + " which has none: a plain resource takes no arguments")
                    .hasMessageContaining("- Broken.nothing(): a resource returns what it reads")
                    .hasMessageContaining("- Broken.number(): a prompt returns a String, a PromptMessage, a"
                            + " List<PromptMessage> or a GetPromptResult, not int")
                    .hasMessageContaining("- Broken.listed(List): parameter 1 (List items): its value arrives as text,"
                            + " which cannot become a java.util.List<java.lang.String>");
            assertThat(server.tools()).isEmpty();
        }
    }

    @Test
    void anObjectWithoutDeclarationsIsRefused() {
        try (McpServer server = McpServer.builder().build()) {
            assertThatThrownBy(() -> server.register("just a string"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("java.lang.String declares no @Tool, @Resource or @Prompt method");
        }
    }

    static final class Clashing {
        @Prompt
        String advice() {
            return "Take an umbrella.";
        }

        @Tool
        String echo(String text) {
            return text;
        }
    }

    @Test
    void aNameTakenOnTheServerFailsTheWholeObjectAndNamesTheMethod() {
        try (McpServer server = McpServer.builder()
                .tool(dev.keel.core.Tool.builder("echo").build(), call -> CallToolResult.text("the first echo"))
                .build()) {
            assertThatThrownBy(() -> server.register(new Clashing()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Clashing.echo(String): cannot add its tool echo:");
            assertThat(server.tools()).extracting(dev.keel.spec.Tool::name).containsExactly("echo");
            // the prompt registered before the clash was taken away again: registering it alone works
            server.register(new Object() {
                @Prompt
                String advice() {
                    return "again";
                }
            });
        }
    }

    @Test
    void aClassCompiledWithoutParameterNamesIsToldToUseParametersOrArg(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src/example")).resolve("Nameless.java");
        Files.writeString(source, """
                package example;

                public class Nameless {
                    @dev.keel.annotations.Tool
                    public String echo(String text) {
                        return text;
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // no -parameters: the class file keeps no parameter names
        int status = javac.run(null, null, errors, "-proc:none", "-cp", classPath, "-d", classes.toString(),
                source.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
                McpServer server = McpServer.builder().build()) {
            Object nameless = loader.loadClass("example.Nameless").getConstructor().newInstance();
            assertThatThrownBy(() -> server.register(nameless))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("example.Nameless declares a tool, resource or prompt wrongly: Nameless.echo(String):"
                            + " parameter 1 (String): its name is not in the class file; compile with -parameters, or"
                            + " name it with @Arg(name = \"...\")");
        }
    }

    @Test
    void theServiceLoaderFindsTheScanner() {
        assertThat(dev.keel.core.spi.ComponentScanner.installed()).containsInstanceOf(AnnotationScanner.class);
    }
}
