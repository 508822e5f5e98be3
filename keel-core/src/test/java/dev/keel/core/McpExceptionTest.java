package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keel.spec.ProtocolVersion;

class McpExceptionTest {

    @Test
    void aMissingResourceIsMinus32602InTheStatelessEraAndMinus32002Before() {
        McpException missing = McpException.resourceNotFound("file:///x");
        assertThat(missing.toError(ProtocolVersion.V2026_07_28).code()).isEqualTo(-32602);
        assertThat(missing.toError(ProtocolVersion.V2025_11_25).code()).isEqualTo(-32002);
    }

    @Test
    void codesTheStatelessEraReservesOrForbidsNeverReachItsClients() {
        assertThat(new McpException(-32002, "gone", null).toError(ProtocolVersion.V2026_07_28).code()).isEqualTo(-32602);
        assertThat(new McpException(-32042, "url", null).toError(ProtocolVersion.V2026_07_28).code()).isEqualTo(-32603);
        assertThat(new McpException(-32050, "mine", null).toError(ProtocolVersion.V2026_07_28).code()).isEqualTo(-32603);
        assertThat(McpException.unsupportedProtocolVersion("x", List.of("2026-07-28")).toError(ProtocolVersion.V2026_07_28)
                .code()).isEqualTo(-32022);
        assertThat(new McpException(-31000, "application", null).toError(ProtocolVersion.V2026_07_28).code())
                .isEqualTo(-31000);
        assertThat(new McpException(-32042, "url", null).toError(ProtocolVersion.V2025_11_25).code()).isEqualTo(-32042);
    }
}
