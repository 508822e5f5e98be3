package com.example.forecast;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.keel.annotations.Arg;
import dev.keel.annotations.Tool;
import dev.keel.core.McpServer;
import dev.keel.transport.http.HttpTransport;
import dev.keel.transport.stdio.StdioTransport;

/**
 * A server with two typed tools, a record in and a record out: one on the builder, one a {@code @Tool} method.
 * {@code --stdio} serves stdin/stdout, else HTTP.
 */
public final class ForecastServer {

    /** What the model asks for. */
    public record Forecast(String city, Optional<Integer> days) {
    }

    /** What it gets back, as structured content. */
    public record Weather(String city, int days, String summary, double celsius) {
    }

    /** Where the sun is, for the annotated tool. */
    public record Place(String city, double latitude) {
    }

    /** The annotated tool's answer. */
    public record Daylight(String city, int month, double hours) {
    }

    /** The annotated tool. */
    static final class Almanac {
        @Tool(description = "Hours of daylight in a month", readOnly = true)
        Daylight daylight(Place place, @Arg(description = "1 to 12", defaultValue = "6") int month) {
            double hours = 12 + place.latitude() / 90 * 12 * Math.cos((month - 6) * Math.PI / 6) / 2;
            return new Daylight(place.city(), month, Math.round(hours * 10) / 10.0);
        }
    }

    private ForecastServer() {
    }

    public static McpServer server() {
        return McpServer.builder().name("forecast").version("1.0.0")
                .tool(dev.keel.core.Tool.builder("forecast").description("The weather in a city")
                                .input(Forecast.class).output(Weather.class).build(),
                        call -> new Weather(call.arguments().city(), call.arguments().days().orElse(1), "Sunny", 21.5))
                .register(new Almanac())
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
