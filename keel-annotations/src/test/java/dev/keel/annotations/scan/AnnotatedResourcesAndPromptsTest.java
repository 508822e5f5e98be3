package dev.keel.annotations.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.annotations.Arg;
import dev.keel.annotations.Prompt;
import dev.keel.annotations.Resource;
import dev.keel.core.McpException;
import dev.keel.core.McpServer;
import dev.keel.core.ResourceCall;
import dev.keel.spec.BlobResourceContents;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.TextContent;
import dev.keel.spec.TextResourceContents;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;
import tools.jackson.databind.JsonNode;

/** {@code @Resource} and {@code @Prompt} methods: template variables and prompt arguments bound by name. */
class AnnotatedResourcesAndPromptsTest {

    enum Period { MORNING, EVENING }

    record Station(String id, int day, Period period, double celsius) {
    }

    static final class Almanac {
        @Resource(uri = "almanac://readme", description = "What the almanac holds")
        String readme() {
            return "Weather stations and their days.";
        }

        @Resource(uri = "almanac://logo", mimeType = "image/png")
        byte[] logo() {
            return "PNG".getBytes(StandardCharsets.US_ASCII);
        }

        @Resource(uri = "almanac://stations/{id}/days/{day}{?period}", name = "station-day", title = "A station's day")
        Station station(String id, int day, @Arg(defaultValue = "MORNING") Period period, ResourceCall call) {
            if (id.equals("nowhere")) {
                throw McpException.resourceNotFound(call.uri());
            }
            return new Station(id, day, period, period == Period.MORNING ? 11.5 : 17.0);
        }

        @Resource(uri = "almanac://records{?limit}")
        String records(int limit) {
            return "the " + limit + " hottest days";
        }

        @Prompt(description = "Plan a trip around the weather")
        String plan(@Arg(description = "Where to") String city, Optional<String> month, @Arg(defaultValue = "2") int people) {
            return "Plan a trip to " + city + month.map(m -> " in " + m).orElse("") + " for " + people + ".";
        }

        @Prompt(name = "dialogue", title = "A short dialogue")
        List<PromptMessage> talk() {
            return List.of(PromptMessage.user("Will it rain?"), PromptMessage.assistant("Not today."));
        }

        @Prompt
        GetPromptResult whole() {
            return GetPromptResult.of("as it is", PromptMessage.user("whole"));
        }
    }

    private static McpServer server() {
        return McpServer.builder().register(new Almanac()).build();
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18", "V2024_11_05"})
    void resourcesAndTemplatesAreListedAndRead(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            assertThat(client.listResources().resources()).extracting(dev.keel.spec.Resource::uri, dev.keel.spec.Resource::mimeType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("almanac://logo", "image/png"),
                            org.assertj.core.groups.Tuple.tuple("almanac://readme", "text/plain"));
            dev.keel.spec.ResourceTemplate template = client.listResourceTemplates().resourceTemplates().get(1);
            assertThat(template.uriTemplate()).isEqualTo("almanac://stations/{id}/days/{day}{?period}");
            assertThat(template.name()).isEqualTo("station-day");
            assertThat(template.mimeType()).isEqualTo("application/json");

            ReadResourceResult readme = client.readResource("almanac://readme");
            assertThat(((TextResourceContents) readme.contents().get(0)).text()).isEqualTo("Weather stations and their days.");
            ReadResourceResult logo = client.readResource("almanac://logo");
            assertThat(((BlobResourceContents) logo.contents().get(0)).blob()).isEqualTo("UE5H");

            TextResourceContents day = (TextResourceContents) client.readResource("almanac://stations/oslo-1/days/3")
                    .contents().get(0);
            assertThat(day.uri()).isEqualTo("almanac://stations/oslo-1/days/3");
            assertThat(day.text()).isEqualTo("{\"id\":\"oslo-1\",\"day\":3,\"period\":\"MORNING\",\"celsius\":11.5}");
            TextResourceContents evening = (TextResourceContents) client
                    .readResource("almanac://stations/oslo-1/days/3?period=EVENING").contents().get(0);
            assertThat(evening.text()).contains("\"period\":\"EVENING\"");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25"})
    void aVariableThatIsNotItsTypeIsInvalidParamsAndAMissingOneNotFound(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            Reply wrongDay = client.request("resources/read", Map.of("uri", "almanac://stations/oslo-1/days/monday"));
            assertThat(wrongDay.errorCode()).isEqualTo(-32602);
            assertThat(wrongDay.errorMessage()).contains("day").contains("'monday' is not a whole number");
            Reply wrongPeriod = client.request("resources/read",
                    Map.of("uri", "almanac://stations/oslo-1/days/1?period=NOON"));
            assertThat(wrongPeriod.errorMessage()).contains("'NOON' is not a value of Period");
            Reply noLimit = client.request("resources/read", Map.of("uri", "almanac://records"));
            assertThat(noLimit.errorCode()).isEqualTo(-32602);
            assertThat(noLimit.errorMessage()).isEqualTo("Invalid argument limit of resource template"
                    + " almanac://records{?limit}: it is required but missing");
            assertThat(((TextResourceContents) client.readResource("almanac://records?limit=3").contents().get(0)).text())
                    .isEqualTo("the 3 hottest days");
            Reply nowhere = client.request("resources/read", Map.of("uri", "almanac://stations/nowhere/days/1"));
            assertThat(nowhere.errorCode()).isEqualTo(version.isModern() ? -32602 : -32002);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18", "V2024_11_05"})
    void promptsListTheirArgumentsAndRenderWithThem(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            JsonNode prompts = client.request("prompts/list", null).result().get("prompts");
            assertThat(prompts).extracting(p -> p.path("name").asString()).containsExactly("plan", "dialogue", "whole");
            JsonNode plan = prompts.get(0);
            assertThat(plan.path("description").asString()).isEqualTo("Plan a trip around the weather");
            assertThat(plan.path("arguments").toString()).isEqualTo(
                    "[{\"name\":\"city\",\"description\":\"Where to\",\"required\":true},{\"name\":\"month\"},"
                            + "{\"name\":\"people\"}]");

            GetPromptResult rendered = client.getPrompt("plan", Map.of("city", "Rome", "month", "May"));
            assertThat(rendered.description()).isEqualTo("Plan a trip around the weather");
            assertThat(((TextContent) rendered.messages().get(0).content()).text())
                    .isEqualTo("Plan a trip to Rome in May for 2.");
            assertThat(((TextContent) client.getPrompt("plan", Map.of("city", "Rome", "people", "4")).messages().get(0)
                    .content()).text()).isEqualTo("Plan a trip to Rome for 4.");
            assertThat(client.getPrompt("dialogue", Map.of()).messages()).hasSize(2);
            assertThat(client.getPrompt("whole", Map.of()).description()).isEqualTo("as it is");

            Reply missing = client.request("prompts/get", Map.of("name", "plan", "arguments", Map.of()));
            assertThat(missing.errorCode()).isEqualTo(-32602);
            Reply notANumber = client.request("prompts/get", Map.of("name", "plan",
                    "arguments", Map.of("city", "Rome", "people", "many")));
            assertThat(notANumber.errorMessage()).isEqualTo("Invalid argument people of prompt plan: 'many' is not a whole number");
        }
    }
}
