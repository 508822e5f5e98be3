package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.RequestId;
import tools.jackson.databind.json.JsonMapper;

class CallTest {

    @ParameterizedTest(name = "{0} {1} names {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "tools/call     | {\"arguments\":{\"name\":\"inner\"},\"name\":\"echo\"} | echo",
        "prompts/get    | {\"name\":\"greet\"}                                   | greet",
        "resources/read | {\"uri\":\"file:///a\"}                                | file:///a",
        "tools/call     | {\"name\":5}                                           | -",
        "tools/list     | {\"name\":\"x\"}                                       | -",
        "tools/call     | -                                                      | -"})
    void targetIsWhatTheRequestNames(String method, String params, String target) {
        Call call = new Call(RequestId.of(1), method, params == null ? null : RawJson.of(params, JsonMapper.shared()),
                new CallContext(null));
        assertThat(call.target()).isEqualTo(target);
    }

    @Test
    void aToolCallsTargetComesFromTheParamsReadAhead() {
        RawJson raw = RawJson.of("{\"name\":\"echo\",\"arguments\":{}}", JsonMapper.shared());
        CallContext context = new CallContext(null);
        context.scope = new RequestScope(null, null, null, false,
                ToolCallParams.read(raw, new ParamsReader.Binders(JsonMapper.shared())));
        assertThat(new Call(RequestId.of(1), "tools/call", raw, context).target()).isEqualTo("echo");
        // params a middleware replaced are read again
        RawJson other = RawJson.of("{\"name\":\"other\"}", JsonMapper.shared());
        assertThat(new Call(RequestId.of(1), "tools/call", other, context).target()).isEqualTo("other");
    }
}
