package dev.keel.config;

import java.util.List;

/** The configuration cannot be used; {@link #problems()} says why, each naming its key. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** One line per problem: {@code key: what is wrong (where it came from)}. */
    public List<String> problems() {
        return problems;
    }
}
