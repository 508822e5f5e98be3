package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SealerTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));

    private final Sealer sealer = new Sealer(StateKeys.random());

    @Test
    void whatIsSealedOpensUnchanged() {
        String token = sealer.seal("tools:100".getBytes(StandardCharsets.UTF_8), "cursor");
        assertThat(new String(sealer.open(token, "cursor"), StandardCharsets.UTF_8)).isEqualTo("tools:100");
        assertThat(token).doesNotContain("tools");
    }

    @Test
    void aChangedTokenDoesNotOpen() {
        String token = sealer.seal("tools:100".getBytes(StandardCharsets.UTF_8), "cursor");
        char[] chars = token.toCharArray();
        chars[chars.length - 5] = chars[chars.length - 5] == 'A' ? 'B' : 'A';
        assertThat(sealer.open(new String(chars), "cursor")).isNull();
        assertThat(sealer.open(token.substring(0, token.length() - 2), "cursor")).isNull();
        assertThat(sealer.open("not base64 !", "cursor")).isNull();
        assertThat(sealer.open("", "cursor")).isNull();
    }

    @Test
    void aTokenForOnePurposeIsRefusedForAnother() {
        String token = sealer.seal(new byte[] {1}, "cursor");
        assertThat(sealer.open(token, "request-state")).isNull();
    }

    @Test
    void anotherServersTokenDoesNotOpenButARotatedKeyStillDoes() {
        Sealer old = new Sealer(StateKeys.of("k1", Map.of("k1", K1)));
        Sealer rotated = new Sealer(StateKeys.of("k2", Map.of("k1", K1, "k2", K2)));
        String token = old.seal(new byte[] {42}, "cursor");

        assertThat(sealer.open(token, "cursor")).isNull();
        assertThat(rotated.open(token, "cursor")).containsExactly(42);
        assertThat(old.open(rotated.seal(new byte[] {7}, "cursor"), "cursor")).isNull();
    }

    @Test
    void malformedKeysAreNamed() {
        assertThatThrownBy(() -> StateKeys.of("k", Map.of("k", "AAAA"))).hasMessageContaining("key k must be 16, 24 or 32 bytes");
        assertThatThrownBy(() -> StateKeys.of("x", Map.of("k", K1))).hasMessageContaining("'x' is not among the keys");
    }
}
