package com.example.modular;

import java.util.List;

import dev.keel.annotations.Arg;
import dev.keel.annotations.Prompt;
import dev.keel.annotations.Resource;
import dev.keel.annotations.Tool;
import dev.keel.core.McpServer;
import dev.keel.transport.stdio.StdioTransport;

/** Annotated tools, a resource template and a prompt, served over stdio from the module path. */
public final class ModularServer {

    record Trip(String from, String to, List<String> stops) {}

    record Itinerary(String summary, int legs) {}

    @Tool(description = "Plans a trip", readOnly = true)
    Itinerary plan(Trip trip, @Arg(defaultValue = "false") boolean scenic) {
        return new Itinerary(trip.from() + " to " + trip.to() + (scenic ? " the scenic way" : ""),
                trip.stops().size() + 1);
    }

    @Resource(uri = "trips://{from}/{to}", mimeType = "text/plain")
    String route(String from, String to) {
        return from + " -> " + to;
    }

    @Prompt(description = "Asks for a trip plan")
    String ask(String destination) {
        return "Plan a trip to " + destination + ".";
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--closed")) {
            // a declaration in a package this module keeps closed: registering it says what to open
            try (McpServer empty = McpServer.builder().build()) {
                empty.register(new com.example.modular.closed.Closed());
            } catch (IllegalArgumentException e) {
                System.out.println(e.getMessage());
            }
            return;
        }
        McpServer server = McpServer.builder().name("modular").version("1.0.0").register(new ModularServer()).build();
        System.exit(StdioTransport.create().run(server));
    }
}
