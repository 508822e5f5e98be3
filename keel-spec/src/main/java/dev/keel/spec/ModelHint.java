package dev.keel.spec;

/**
 * A hint for choosing a model: the client matches {@code name} against its models as a substring,
 * and may map it to an equivalent model of another provider.
 *
 * @param name a full or partial model name, e.g. {@code "claude-3-5-sonnet"} or {@code "sonnet"},
 *     or {@code null}
 */
public record ModelHint(String name) {
}
