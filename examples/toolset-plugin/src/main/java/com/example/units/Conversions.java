package com.example.units;

import dev.keel.annotations.Arg;
import dev.keel.annotations.Prompt;
import dev.keel.annotations.Tool;
import dev.keel.core.ToolError;

/** The toolset's tools and prompt: plain methods. */
final class Conversions {

    enum Length { METRE, FOOT, MILE }

    record Converted(double value, Length unit) {}

    @Tool(description = "Converts a length between metres, feet and miles", readOnly = true, openWorld = false)
    Converted convertLength(@Arg(description = "The length to convert") double value, Length from, Length to) {
        if (!Double.isFinite(value)) {
            throw new ToolError("the value must be a finite number");
        }
        return new Converted(value * metres(from) / metres(to), to);
    }

    @Tool(description = "Celsius to Fahrenheit", readOnly = true, openWorld = false, nonBlocking = true)
    String fahrenheit(double celsius) {
        return String.format(java.util.Locale.ROOT, "%.1f °F", celsius * 9 / 5 + 32);
    }

    @Prompt(description = "Asks for a conversion in words")
    String explain(@Arg(description = "What to convert, e.g. 3 miles") String quantity,
            @Arg(defaultValue = "METRE") Length into) {
        return "Convert " + quantity + " into " + into.name().toLowerCase(java.util.Locale.ROOT)
                + "s and explain each step.";
    }

    private static double metres(Length unit) {
        return switch (unit) {
            case METRE -> 1;
            case FOOT -> 0.3048;
            case MILE -> 1609.344;
        };
    }
}
