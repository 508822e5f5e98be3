/**
 * Declare tools, resources and prompts on methods, and register them with {@code server.register(object)}.
 *
 * <pre>{@code
 * final class WeatherTools {
 *     record Forecast(String city, String summary, double celsius) {}
 *
 *     @Tool(description = "Tomorrow's weather for a city", readOnly = true)
 *     Forecast forecast(@Arg(description = "The city's name") String city) {
 *         return new Forecast(city, "Sunny", 21.5);
 *     }
 *
 *     @Resource(uri = "weather://stations/{id}", mimeType = "application/json")
 *     Station station(String id) { ... }
 *
 *     @Prompt(description = "Plan a trip around the weather")
 *     String plan(String city, Optional<String> month) { ... }
 * }
 *
 * McpServer server = McpServer.builder().name("weather").version("1.0.0").register(new WeatherTools()).build();
 * }</pre>
 *
 * <p>Parameters are bound by name: compile with {@code -parameters}, or name each with {@link Arg#name()}. A
 * tool's input schema is generated from its parameter types (records, enums, {@code Optional}, lists, maps and
 * the JSON scalars) and its output schema from its return type, so {@code keel-schema} must be on the class path.
 * A parameter of type {@link dev.keel.core.ToolCall}, {@link dev.keel.core.ResourceCall},
 * {@link dev.keel.core.PromptCall} or {@link dev.keel.core.RequestContext} receives the call itself: for
 * progress, logging, cancellation and questions to the client. What a method throws is treated as from any
 * handler: {@link dev.keel.core.ToolError} becomes a tool error the model reads, {@link dev.keel.core.McpException}
 * a protocol error, anything else an internal error.
 *
 * <p>Every declaration is checked when the object is registered: a mistake fails the registration with an
 * {@link IllegalArgumentException} that names the method and what is wrong, and nothing of the object is
 * registered. Reflection happens once, then; each call goes through a method handle.
 */
package dev.keel.annotations;
