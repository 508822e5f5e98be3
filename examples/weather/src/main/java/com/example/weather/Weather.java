package com.example.weather;

import dev.keel.annotations.Arg;
import dev.keel.annotations.Tool;
import dev.keel.core.McpServer;
import dev.keel.transport.stdio.StdioTransport;

/** The README's server: one typed tool, served over stdio to clients of every protocol revision. */
public final class Weather {

    record Forecast(String city, String summary, double celsius) {}

    @Tool(description = "Tomorrow's weather for a city", readOnly = true)
    Forecast forecast(@Arg(description = "The city's name") String city) {
        return new Forecast(city, "Sunny", 21.5);
    }

    public static void main(String[] args) {
        McpServer server = McpServer.builder().name("weather").version("1.0.0").register(new Weather()).build();
        System.exit(StdioTransport.create().run(server));   // or: HttpTransport.builder().build().start(server)
    }
}
