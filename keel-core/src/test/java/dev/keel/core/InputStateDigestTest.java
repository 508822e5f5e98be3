package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The digest that binds a multi round-trip state to its arguments: canonical, and bounded by its input. */
class InputStateDigestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String digest(String json) {
        return InputState.digest(JSON.readTree(json));
    }

    @Test
    void equalArgumentsHaveEqualDigestsWhateverTheirOrderOrNotation() {
        assertThat(digest("{\"a\":1,\"b\":[100,\"x\"]}")).isEqualTo(digest("{\"b\":[1e2,\"x\"],\"a\":1.0}"));
        assertThat(digest("{\"a\":1}")).isNotEqualTo(digest("{\"a\":2}"));
    }

    @Test
    void aLargeExponentCostsWhatItsTextDoesAndOneBeyondADoubleIsNoError() {
        // written in plain form, 1e308 is 309 characters: 4 MiB of arguments would cost 0.7 GB
        assertThat(digest("{\"n\":1e308}")).hasSize(32).isNotEqualTo(digest("{\"n\":1e307}"));
        assertThat(digest("{\"n\":1e400}")).hasSize(32);
    }
}
