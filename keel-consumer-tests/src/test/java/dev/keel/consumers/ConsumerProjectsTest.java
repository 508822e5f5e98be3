package dev.keel.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the consumer builds rely on, checked before they run: the README shows the example as it is, the BOM
 * manages every published module, and no consumer pins a version, so what they resolve is what the BOM says.
 */
class ConsumerProjectsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmesLibrarySectionIsTheWeatherExampleAsItIs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Path weather = ROOT.resolve("examples/weather");

        String dependencies = codeBlock(readme, "xml", 0);
        String pom = Files.readString(weather.resolve("pom.xml")).replace("${keel.version}", System.getProperty("keel.version"));
        assertThat(flat(pom)).as("the README's Maven snippet is what examples/weather/pom.xml declares")
                .contains(flat(dependencies.substring(0, dependencies.indexOf("<dependencies>"))))
                .contains(flat(dependencies.substring(dependencies.indexOf("<dependencies>"))));

        String server = codeBlock(readme, "java", 0);
        assertThat(flat(Files.readString(weather.resolve("src/main/java/com/example/weather/Weather.java"))))
                .as("the README's server is examples/weather's Weather.java").contains(flat(server));

        String test = codeBlock(readme, "java", 2);
        String testSource = Files.readString(weather.resolve("src/test/java/com/example/weather/WeatherTest.java"));
        assertThat(flat(testSource)).as("the README's test is in examples/weather's WeatherTest.java")
                .contains(flat(test.substring(0, test.lastIndexOf('}'))));
    }

    @Test
    void theBomManagesEveryPublishedModule() throws Exception {
        Document parent = xml(ROOT.resolve("pom.xml"));
        List<String> published = new ArrayList<>();
        for (Element module : elements(parent.getDocumentElement(), "modules", "module")) {
            Path pom = ROOT.resolve(module.getTextContent().strip()).resolve("pom.xml");
            Document document = xml(pom);
            boolean skipped = !elements(document.getDocumentElement(), "properties", "maven.deploy.skip").isEmpty();
            String artifactId = text(document.getDocumentElement(), "artifactId");
            if (!skipped && !artifactId.equals("keel-bom")) {
                published.add(artifactId);
            }
        }
        List<String> managed = elements(xml(ROOT.resolve("keel-bom/pom.xml")).getDocumentElement(),
                "dependencyManagement", "dependencies", "dependency").stream()
                .filter(d -> text(d, "groupId").equals("dev.keel")).map(d -> text(d, "artifactId")).toList();
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void consumersPinNoVersionAndBuildTheVersionUnderTest() throws Exception {
        List<Path> poms;
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"));
                Stream<Path> its = Files.list(Path.of("src/it"))) {
            poms = Stream.concat(examples, its).map(dir -> dir.resolve("pom.xml")).filter(Files::isRegularFile).toList();
        }
        assertThat(poms).hasSizeGreaterThanOrEqualTo(4);
        for (Path pom : poms) {
            Element project = xml(pom).getDocumentElement();
            for (Element dependency : elements(project, "dependencies", "dependency")) {
                assertThat(childNamed(dependency, "version")).as(pom + ": " + text(dependency, "artifactId")
                        + " takes its version from keel-bom").isNull();
            }
            assertThat(text(childNamed(project, "properties"), "keel.version")).as(pom + "'s keel.version")
                    .isEqualTo(System.getProperty("keel.version"));
        }
    }

    /** The {@code n}th fenced block of {@code language} in {@code markdown}. */
    private static String codeBlock(String markdown, String language, int n) {
        Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        for (int i = 0; i <= n; i++) {
            assertThat(block.find()).as("README block " + language + " #" + n).isTrue();
        }
        return block.group(1);
    }

    /** The code without its indentation and line breaks. */
    private static String flat(String code) {
        return code.lines().map(String::strip).reduce("", String::concat);
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The elements at {@code path} below {@code element}, direct children at each step. */
    private static List<Element> elements(Element element, String... path) {
        List<Element> level = List.of(element);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element e : level) {
                NodeList children = e.getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        return level;
    }

    private static Element childNamed(Element element, String name) {
        List<Element> found = elements(element, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element element, String child) {
        Node node = childNamed(element, child);
        return node == null ? "" : node.getTextContent().strip();
    }
}
