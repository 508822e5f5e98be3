package dev.keel.server;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A glob over relative paths, matched in time linear in the pattern times the path: no backtracking,
 * so no pattern a client sends can make a match expensive (the JDK's glob matcher compiles to a
 * regular expression, where {@code **?} repeated twenty times backtracks for about 10^15 steps per
 * path). The syntax is the JDK's ({@code FileSystem.getPathMatcher("glob:…")}): {@code *} any run of
 * characters within one name, {@code **} any run across names, {@code ?} one character, {@code [...]}
 * a class ({@code [!...]} its complement, {@code a-z} ranges), {@code {a,b}} alternatives (not nested),
 * {@code \} an escape.
 *
 * <p>Each alternative is a flat list of tokens, matched by keeping the set of positions the path can
 * have reached in the pattern: a Thompson simulation over a bit set.
 */
final class Glob {

    /** The longest pattern accepted. */
    static final int MAX_LENGTH = 1024;
    /** The most wildcards ({@code * ** ? [...]}) in one pattern. */
    static final int MAX_WILDCARDS = 64;
    /** The most alternatives the groups of a pattern expand to. */
    static final int MAX_ALTERNATIVES = 64;

    private sealed interface Token permits Literal, One, CharClass, Star, GlobStar {
    }

    private record Literal(char c) implements Token {
    }

    private record One() implements Token {
    }

    private record CharClass(List<char[]> ranges, boolean negated) implements Token {
        boolean contains(char c) {
            boolean in = false;
            for (char[] range : ranges) {
                if (c >= range[0] && c <= range[1]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }
    }

    private record Star() implements Token {
    }

    private record GlobStar() implements Token {
    }

    private final List<List<Token>> alternatives;

    private Glob(List<List<Token>> alternatives) {
        this.alternatives = alternatives;
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws IllegalArgumentException naming what is wrong: a syntax error, or a limit exceeded
     */
    static Glob compile(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the pattern is " + pattern.length() + " characters long, more than the"
                    + " limit of " + MAX_LENGTH);
        }
        List<List<Token>> alternatives = new ArrayList<>();
        alternatives.add(new ArrayList<>());
        int wildcards = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 == pattern.length()) {
                        throw new IllegalArgumentException("the pattern ends with an escape that escapes nothing");
                    }
                    append(alternatives, new Literal(pattern.charAt(i + 1)));
                    i += 2;
                }
                case '*' -> {
                    boolean across = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
                    append(alternatives, across ? new GlobStar() : new Star());
                    wildcards++;
                    i += across ? 2 : 1;
                }
                case '?' -> {
                    append(alternatives, new One());
                    wildcards++;
                    i++;
                }
                case '[' -> {
                    int end = pattern.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("a [ at position " + i + " is never closed");
                    }
                    append(alternatives, charClass(pattern.substring(i + 1, end)));
                    wildcards++;
                    i = end + 1;
                }
                case '{' -> {
                    int end = pattern.indexOf('}', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("a { at position " + i + " is never closed");
                    }
                    String group = pattern.substring(i + 1, end);
                    if (group.indexOf('{') >= 0) {
                        throw new IllegalArgumentException("groups do not nest");
                    }
                    alternatives = expand(alternatives, group.split(",", -1));
                    i = end + 1;
                }
                default -> {
                    append(alternatives, new Literal(c));
                    i++;
                }
            }
            if (wildcards > MAX_WILDCARDS) {
                throw new IllegalArgumentException("the pattern has more than " + MAX_WILDCARDS + " wildcards");
            }
        }
        return new Glob(alternatives);
    }

    private static void append(List<List<Token>> alternatives, Token token) {
        alternatives.forEach(tokens -> tokens.add(token));
    }

    /** Every alternative so far, followed by each of the group's: literal text only inside a group. */
    private static List<List<Token>> expand(List<List<Token>> alternatives, String[] choices) {
        if ((long) alternatives.size() * choices.length > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException("the pattern's groups make more than " + MAX_ALTERNATIVES + " alternatives");
        }
        List<List<Token>> expanded = new ArrayList<>();
        for (List<Token> prefix : alternatives) {
            for (String choice : choices) {
                List<Token> tokens = new ArrayList<>(prefix);
                Glob inner = compile(choice);
                if (inner.alternatives.size() != 1) {
                    throw new IllegalArgumentException("groups do not nest");
                }
                tokens.addAll(inner.alternatives.getFirst());
                expanded.add(tokens);
            }
        }
        return expanded;
    }

    private static CharClass charClass(String body) {
        boolean negated = body.startsWith("!");
        String set = negated ? body.substring(1) : body;
        List<char[]> ranges = new ArrayList<>();
        for (int i = 0; i < set.length(); i++) {
            char from = set.charAt(i);
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                char to = set.charAt(i + 2);
                if (to < from) {
                    throw new IllegalArgumentException("the range " + from + "-" + to + " is backwards");
                }
                ranges.add(new char[] {from, to});
                i += 2;
            } else {
                ranges.add(new char[] {from, from});
            }
        }
        return new CharClass(ranges, negated);
    }

    /** Whether {@code path} ({@code /}-separated, relative) matches. */
    boolean matches(String path) {
        for (List<Token> tokens : alternatives) {
            if (matches(tokens, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<Token> tokens, String path) {
        int n = tokens.size();
        BitSet current = new BitSet(n + 1);
        current.set(0);
        close(tokens, current);
        BitSet next = new BitSet(n + 1);
        for (int p = 0; p < path.length() && !current.isEmpty(); p++) {
            char c = path.charAt(p);
            next.clear();
            for (int s = current.nextSetBit(0); s >= 0 && s < n; s = current.nextSetBit(s + 1)) {
                switch (tokens.get(s)) {
                    case Literal literal -> {
                        if (literal.c() == c) {
                            next.set(s + 1);
                        }
                    }
                    case One one -> {
                        if (c != '/') {
                            next.set(s + 1);
                        }
                    }
                    case CharClass charClass -> {
                        if (c != '/' && charClass.contains(c)) {
                            next.set(s + 1);
                        }
                    }
                    case Star star -> {
                        if (c != '/') {
                            next.set(s);
                        }
                    }
                    case GlobStar globStar -> next.set(s);
                }
            }
            close(tokens, next);
            BitSet swap = current;
            current = next;
            next = swap;
        }
        return current.get(n);
    }

    /** Adds the positions reachable without a character: past any star, which may match nothing. */
    private static void close(List<Token> tokens, BitSet states) {
        for (int s = 0; s < tokens.size(); s++) {
            if (states.get(s) && (tokens.get(s) instanceof Star || tokens.get(s) instanceof GlobStar)) {
                states.set(s + 1);
            }
        }
    }
}
