package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.RawJson;
import dev.keel.spec.ClientCapabilities;

class ParamsReaderTest {

    private final JsonRpcCodec codec = JsonRpcCodec.create();
    private final ParamsReader.Binders binders = new ParamsReader.Binders(codec.mapper());
    private final Map<RawJson, ClientCapabilities> memo = new ConcurrentHashMap<>();

    private ClientCapabilities capabilities(String json) {
        try (ParamsReader reader = ParamsReader.open(RawJson.of("{\"other\":[1,{\"x\":2}],\"caps\":" + json + ",\"after\":3}",
                codec.mapper()), binders, "params")) {
            for (String member = reader.next(); member != null; member = reader.next()) {
                if (member.equals("caps")) {
                    return reader.bindRemembered("params.caps", ClientCapabilities.class, memo);
                }
                reader.skip();
            }
            throw new AssertionError("no caps member");
        }
    }

    @Test
    void theSameCapabilitiesAreBoundOnceAndShared() {
        ClientCapabilities first = capabilities("{\"elicitation\":{},\"extensions\":{\"a\":{}}}");
        ClientCapabilities second = capabilities("{\"elicitation\":{},\"extensions\":{\"a\":{}}}");
        assertThat(second).isSameAs(first);
        assertThat(first.elicitation()).isNotNull();
        assertThat(first.extensions()).containsKey("a");
        assertThatThrownBy(() -> first.extensions().put("b", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(capabilities("{\"roots\":{}}")).isNotSameAs(first).extracting(ClientCapabilities::roots).isNotNull();
        assertThat(capabilities("null")).isNull();
    }

    @Test
    void theMemoStaysBoundedWhateverClientsSend() {
        for (int i = 0; i < ParamsReader.MEMO_LIMIT * 2; i++) {
            ClientCapabilities bound = capabilities("{\"extensions\":{\"e" + i + "\":{}}}");
            assertThat(bound.extensions()).containsOnlyKeys("e" + i);
        }
        assertThat(memo).hasSize(ParamsReader.MEMO_LIMIT);
    }

    @Test
    void badCapabilitiesNameTheMember() {
        assertThatThrownBy(() -> capabilities("{\"roots\":5}"))
                .isInstanceOfSatisfying(McpException.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
                    assertThat(e.getMessage()).contains("params.caps is malformed");
                });
        assertThat(memo).isEmpty();
    }
}
