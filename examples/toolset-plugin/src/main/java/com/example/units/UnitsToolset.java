package com.example.units;

import dev.keel.core.McpServer;
import dev.keel.server.Toolset;

/** Unit conversions for {@code keel serve --toolset units}: found through {@code META-INF/services}. */
public final class UnitsToolset implements Toolset {

    @Override
    public String name() {
        return "units";
    }

    @Override
    public String description() {
        return "converts lengths and temperatures";
    }

    @Override
    public void register(McpServer.Builder server) {
        server.register(new Conversions());
    }
}
