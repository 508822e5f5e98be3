package dev.keel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Content is checked where it is made: base64 data, MIME types, URLs, sampling tool results. */
class ContentChecksTest {

    @Test
    void binaryDataMustBeBase64WithAMimeType() {
        assertThat(ImageContent.of("iVBORw0KGgo=", "image/png").data()).isEqualTo("iVBORw0KGgo=");
        assertThat(AudioContent.of("AAAA", "audio/wav; codecs=1").mimeType()).isEqualTo("audio/wav; codecs=1");
        assertThatThrownBy(() -> ImageContent.of("not base64!", "image/png")).hasMessageContaining("must be base64");
        assertThatThrownBy(() -> ImageContent.of("AAAAA", "image/png")).hasMessageContaining("not well-formed base64");
        assertThatThrownBy(() -> AudioContent.of("AAAA", "wav")).hasMessageContaining("is not a MIME type");
        assertThatThrownBy(() -> new BlobResourceContents("file:///x", "bad", "AAAA", null)).hasMessageContaining("MIME");
    }

    @Test
    void urlElicitationNeedsAnAbsoluteUrl() {
        assertThat(new ElicitRequestURLParams("Sign in", "https://example.com/auth", null, null).url())
                .isEqualTo("https://example.com/auth");
        assertThatThrownBy(() -> new ElicitRequestURLParams("Sign in", "/relative", null, null))
                .hasMessageContaining("absolute URL");
        assertThatThrownBy(() -> new ElicitRequestURLParams("Sign in", "ht tp://x", null, null))
                .hasMessageContaining("not a valid URL");
    }

    @Test
    void toolResultsInSamplingAnswerEveryToolUseAndStandAlone() {
        ToolUseContent use = new ToolUseContent("u1", "lookup", Map.of("q", "x"), null);
        ToolResultContent result = new ToolResultContent("u1", List.of(TextContent.of("found")), null, null, null);
        SamplingMessage asked = new SamplingMessage(Role.ASSISTANT, List.of(use), null);
        SamplingMessage answered = new SamplingMessage(Role.USER, List.of(result), null);

        assertThat(CreateMessageRequestParams.of(List.of(asked, answered), 10).messages()).hasSize(2);
        assertThatThrownBy(() -> new SamplingMessage(Role.USER, List.of(result, TextContent.of("and more")), null))
                .hasMessageContaining("tool results only");
        SamplingMessage wrongAnswer = new SamplingMessage(Role.USER,
                List.of(new ToolResultContent("u2", List.of(TextContent.of("?")), null, null, null)), null);
        assertThatThrownBy(() -> CreateMessageRequestParams.of(List.of(asked, wrongAnswer), 10))
                .hasMessageContaining("must each be answered");
    }

    @Test
    void metaKeysFollowTheSpecsSyntax() {
        assertThat(MetaKeys.isValid("io.modelcontextprotocol/serverInfo")).isTrue();
        assertThat(MetaKeys.isValid("progressToken")).isTrue();
        assertThat(MetaKeys.isValid("com.example/")).isTrue();
        assertThat(MetaKeys.isValid("1bad.prefix/name")).isFalse();
        assertThat(MetaKeys.isValid("has space")).isFalse();
        assertThat(MetaKeys.isValid("trailing-/x")).isFalse();
    }
}
