package com.example.forecast;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.transport.http.HttpTransport;
import dev.keel.transport.stdio.StdioTransport;

/** A server with one typed tool: a record in, a record out. {@code --stdio} serves stdin/stdout, else HTTP. */
public final class ForecastServer {

    /** What the model asks for. */
    public record Forecast(String city, Optional<Integer> days) {
    }

    /** What it gets back, as structured content. */
    public record Weather(String city, int days, String summary, double celsius) {
    }

    private ForecastServer() {
    }

    public static McpServer server() {
        return McpServer.builder().name("forecast").version("1.0.0")
                .tool(Tool.builder("forecast").description("The weather in a city")
                                .input(Forecast.class).output(Weather.class).build(),
                        call -> new Weather(call.arguments().city(), call.arguments().days().orElse(1), "Sunny", 21.5))
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        McpServer server = server();
        if (List.of(args).contains("--stdio")) {
            System.exit(StdioTransport.create().run(server));
        }
        HttpTransport http = HttpTransport.builder().port(0).build();
        http.start(server);
        System.out.println(http.url());
        new CountDownLatch(1).await();
    }
}
