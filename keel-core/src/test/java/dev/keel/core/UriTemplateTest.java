package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UriTemplateTest {

    @Test
    void simpleVariablesMatchOneSegment() {
        UriTemplate template = new UriTemplate("mem://users/{id}/posts/{post}");
        assertThat(template.match("mem://users/42/posts/7")).isEqualTo(Map.of("id", "42", "post", "7"));
        assertThat(template.match("mem://users/42/x/posts/7")).isNull();
        assertThat(template.match("mem://users//posts/7")).isNull();
    }

    @Test
    void reservedExpansionMatchesPaths() {
        UriTemplate template = new UriTemplate("file:///{+path}");
        assertThat(template.match("file:///a/b/c.txt")).isEqualTo(Map.of("path", "a/b/c.txt"));
    }

    @Test
    void valuesArePercentDecoded() {
        assertThat(new UriTemplate("mem://t/{name}").match("mem://t/a%20b")).isEqualTo(Map.of("name", "a b"));
    }

    @Test
    void queryExpansionIsOptional() {
        UriTemplate template = new UriTemplate("mem://search{?q,limit}");
        assertThat(template.match("mem://search")).isEmpty();
        assertThat(template.match("mem://search?q=x&limit=3&other=1")).isEqualTo(Map.of("q", "x", "limit", "3"));
    }

    @Test
    void aMalformedEscapeOrANulMatchesNothing() {
        UriTemplate template = new UriTemplate("mem://t/{name}");
        assertThat(template.match("mem://t/%zz")).isNull();
        assertThat(template.match("mem://t/a%00b")).isNull();
    }

    @Test
    void literalCharactersAreNotPatterns() {
        assertThat(new UriTemplate("mem://a.b/{x}").match("mem://aXb/1")).isNull();
    }

    @Test
    void aVariableTakesTheLongestTextTheRestOfTheTemplateCanFollow() {
        assertThat(new UriTemplate("mem://{a}-{b}").match("mem://x-y-z")).isEqualTo(Map.of("a", "x-y", "b", "z"));
        assertThat(new UriTemplate("file:///{+dir}/{+name}").match("file:///a/b/c")).isEqualTo(
                Map.of("dir", "a/b", "name", "c"));
        assertThat(new UriTemplate("mem://s{?q}{+rest}").match("mem://s?q=1x")).isEqualTo(Map.of("q", "1", "rest", "x"));
        assertThat(new UriTemplate("mem://s{?q}").match("mem://s?")).isEmpty();
    }

    @Test
    void aLongUriIsMatchedInLinearTimeWhateverTheTemplate() {
        // found by UriTemplateFuzzTest: with two variables the regular expression backtracked for minutes
        String dashes = "-".repeat(200_000);
        String slashes = "/".repeat(200_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(new UriTemplate("mem://{a}-{b}.json").match("mem://" + dashes + "x")).isNull();
            assertThat(new UriTemplate("file:///{+dir}/{+name}.txt").match("file:///" + slashes + "x")).isNull();
            assertThat(new UriTemplate("{+a}{+b}{+c}{+d}x").match(dashes)).isNull();
            assertThat(new UriTemplate("mem://{a}-{b}").match("mem://" + dashes)).containsEntry("b", "-");
        });
    }
}
