package dev.keel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.spec.CallToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A registered tool with its compiled schemas. */
final class ToolEntry<A, R> {
    final Tool<A, R> tool;
    final ToolHandler<A, R> handler;
    /** The x-mcp-header annotations: header name to argument name. */
    final Map<String, String> paramHeaders;
    private final SchemaSupport.Validator input;
    private final SchemaSupport.Validator output;

    ToolEntry(Tool<A, R> tool, ToolHandler<A, R> handler, SchemaSupport schemas) {
        this.tool = tool;
        this.handler = handler;
        this.paramHeaders = ParamHeaders.of(tool.descriptor().inputSchema());
        this.input = schemas == null ? null : compile(schemas, tool.descriptor().inputSchema(), "inputSchema");
        JsonNode outputSchema = tool.descriptor().outputSchema();
        this.output = schemas == null || outputSchema == null ? null : compile(schemas, outputSchema, "outputSchema");
    }

    private SchemaSupport.Validator compile(SchemaSupport schemas, JsonNode schema, String what) {
        try {
            return schemas.compile(schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " of tool " + tool.name() + " is not usable: "
                    + e.getMessage(), e);
        }
    }

    /** What is wrong with {@code arguments}: its schema first, then the tool's argument rules. */
    List<SchemaSupport.Violation> check(JsonNode arguments) {
        List<SchemaSupport.Violation> problems = input == null ? List.of() : input.validate(arguments);
        if (!problems.isEmpty() || tool.rules().isEmpty()) {
            return problems;
        }
        List<SchemaSupport.Violation> broken = new ArrayList<>();
        tool.rules().forEach((name, rule) -> {
            JsonNode value = arguments.get(name);
            if (value != null && !value.isNull()) {
                String problem = rule.check(value);
                if (problem != null) {
                    broken.add(new SchemaSupport.Violation(name, "rule", name + ": " + problem));
                }
            }
        });
        return broken;
    }

    /** Whether the structured content of {@code result} matches the output schema; the violations if not. */
    List<SchemaSupport.Violation> checkOutput(JsonNode structured) {
        return output == null ? List.of() : output.validate(structured);
    }

    boolean hasOutputSchema() {
        return tool.descriptor().outputSchema() != null;
    }

    CallToolResult call(CallContext context, JsonNode arguments, A bound, JsonMapper mapper) throws Exception {
        R value;
        try {
            value = handler.handle(new HandlerViews.ToolCallImpl<>(context, tool.name(), arguments, bound));
        } catch (ToolError e) {
            return CallToolResult.error(e.getMessage());
        }
        if (value == null) {
            throw new IllegalStateException("tool " + tool.name() + " returned null");
        }
        return tool.result(value, mapper);
    }
}
