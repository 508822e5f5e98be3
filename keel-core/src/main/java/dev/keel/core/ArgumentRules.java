package dev.keel.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The argument rules of the seed's {@code Validator}, done right. Every rule names what it expects
 * and never echoes secrets or server paths back.
 */
public final class ArgumentRules {

    private ArgumentRules() {
    }

    /**
     * The argument is a path that stays inside {@code base} once {@code ..} and symbolic links are
     * resolved: relative paths are taken from {@code base}; absolute ones must lie inside it.
     * Containment is decided on path components of real paths, never by string prefix, so
     * {@code /data-evil} is not inside {@code /data}, and a link inside {@code base} that points out
     * of it is refused. For paths that do not exist yet, the deepest existing ancestor is resolved.
     *
     * @param base an existing directory
     * @throws IllegalArgumentException if {@code base} is not an existing directory
     */
    public static ArgumentRule pathWithin(Path base) {
        Path root;
        try {
            root = base.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("the base directory " + base + " does not exist", e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(base + " is not a directory");
        }
        return value -> {
            if (!value.isString()) {
                return "must be a path (a string)";
            }
            Path resolved = resolveInside(root, value.asString());
            return resolved == null ? "must name a path inside the allowed directory" : null;
        };
    }

    /**
     * {@code candidate} resolved against {@code root} (a real path) with links followed, or
     * {@code null} if it is malformed or leaves {@code root}.
     */
    public static Path resolveInside(Path root, String candidate) {
        if (candidate.isEmpty() || candidate.indexOf('\0') >= 0) {
            return null;
        }
        Path path;
        try {
            path = root.resolve(candidate).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        if (!path.startsWith(root)) {
            return null;
        }
        // follow links: resolve the deepest part that exists, then re-append the rest
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            return null;
        }
        Path result = rest == null ? real : real.resolve(rest).normalize();
        return result.startsWith(root) ? result : null;
    }

    /** The argument is a string of {@code min} to {@code max} characters (code points). */
    public static ArgumentRule length(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("length bounds must satisfy 0 <= min <= max");
        }
        return value -> {
            if (!value.isString()) {
                return "must be a string";
            }
            String s = value.asString();
            int n = s.codePointCount(0, s.length());
            return n < min || n > max ? "must be " + min + " to " + max + " characters long, was " + n : null;
        };
    }

    /** The argument is a string matching {@code regex} as a whole. */
    public static ArgumentRule pattern(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> value.isString() && pattern.matcher(value.asString()).matches() ? null
                : "must match the pattern " + regex;
    }

    /** The argument is a number from {@code min} to {@code max}, inclusive. */
    public static ArgumentRule range(double min, double max) {
        if (max < min) {
            throw new IllegalArgumentException("range bounds must satisfy min <= max");
        }
        return value -> value.isNumber() && value.asDouble() >= min && value.asDouble() <= max ? null
                : "must be a number from " + format(min) + " to " + format(max);
    }

    /** The argument is one of {@code allowed} (strings, compared exactly). */
    public static ArgumentRule oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        List<String> listed = List.of(allowed);
        return value -> value.isString() && set.contains(value.asString()) ? null : "must be one of " + listed;
    }

    /** Both rules hold; the first failure is reported. */
    public static ArgumentRule allOf(ArgumentRule first, ArgumentRule second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        return value -> {
            String problem = first.check(value);
            return problem != null ? problem : second.check(value);
        };
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
