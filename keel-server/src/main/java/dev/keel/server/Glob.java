package dev.keel.server;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A glob over relative paths, matched in time linear in the pattern times the path: no backtracking,
 * so no pattern a client sends can make a match expensive (the JDK's glob matcher compiles to a
 * regular expression, where {@code **?} repeated twenty times backtracks for about 10^15 steps per
 * path). The syntax is the JDK's ({@code FileSystem.getPathMatcher("glob:…")}), read as the JDK reads
 * it: {@code *} any run of characters within one name, {@code **} any run across names, {@code ?} one
 * character, {@code [...]} a class ({@code [!...]} its complement, {@code a-z} ranges, a {@code -} first
 * or last taken as itself, no {@code /} inside), {@code {a,b}} alternatives (not nested; each may hold
 * any of the others), {@code \} an escape outside classes. Characters are Unicode code points, as in
 * the JDK's regular expressions.
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

    private record Literal(int c) implements Token {
    }

    private record One() implements Token {
    }

    private record CharClass(List<int[]> ranges, boolean negated) implements Token {
        boolean contains(int c) {
            boolean in = false;
            for (int[] range : ranges) {
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
        return new Parser(pattern).parse();
    }

    /** Reads a pattern left to right, as the JDK's glob compiler does, into the alternatives it stands for. */
    private static final class Parser {
        private final String pattern;
        private int i;
        private int wildcards;

        Parser(String pattern) {
            this.pattern = pattern;
        }

        Glob parse() {
            List<List<Token>> alternatives = new ArrayList<>();
            alternatives.add(new ArrayList<>());
            while (i < pattern.length()) {
                if (pattern.charAt(i) == '{') {
                    int open = i++;
                    alternatives = expand(alternatives, group(open));
                } else {
                    Token token = token();
                    alternatives.forEach(tokens -> tokens.add(token));
                }
            }
            return new Glob(alternatives);
        }

        /** The choices of a group whose { is at {@code open}, up to and past its }. */
        private List<List<Token>> group(int open) {
            List<List<Token>> choices = new ArrayList<>();
            List<Token> choice = new ArrayList<>();
            while (true) {
                if (i == pattern.length()) {
                    throw new IllegalArgumentException("a { at position " + open + " is never closed");
                }
                char c = pattern.charAt(i);
                if (c == '{') {
                    throw new IllegalArgumentException("groups do not nest (a { at position " + i + " is inside one)");
                } else if (c == ',' || c == '}') {
                    i++;
                    choices.add(choice);
                    if (c == '}') {
                        return choices;
                    }
                    choice = new ArrayList<>();
                } else {
                    choice.add(token());
                }
            }
        }

        /** One token at {@code i}, which is not a group's { , or }. */
        private Token token() {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> {
                    if (i == pattern.length()) {
                        throw new IllegalArgumentException("the pattern ends with an escape that escapes nothing");
                    }
                    int escaped = pattern.codePointAt(i);
                    i += Character.charCount(escaped);
                    return new Literal(escaped);
                }
                case '*' -> {
                    wildcard();
                    if (i < pattern.length() && pattern.charAt(i) == '*') {
                        i++;
                        return new GlobStar();
                    }
                    return new Star();
                }
                case '?' -> {
                    wildcard();
                    return new One();
                }
                case '[' -> {
                    wildcard();
                    return charClass(i - 1);
                }
                default -> {
                    return new Literal(c);
                }
            }
        }

        private void wildcard() {
            if (++wildcards > MAX_WILDCARDS) {
                throw new IllegalArgumentException("the pattern has more than " + MAX_WILDCARDS + " wildcards");
            }
        }

        /**
         * The class whose [ is at {@code open}, up to and past its ]: a ^ first is itself, a ! first
         * negates, a - first (after any !) or last is itself, the first ] ends it.
         */
        private CharClass charClass(int open) {
            boolean negated = false;
            List<int[]> ranges = new ArrayList<>();
            if (i < pattern.length() && pattern.charAt(i) == '^') {
                ranges.add(new int[] {'^', '^'});
                i++;
            } else {
                if (i < pattern.length() && pattern.charAt(i) == '!') {
                    negated = true;
                    i++;
                }
                if (i < pattern.length() && pattern.charAt(i) == '-') {
                    ranges.add(new int[] {'-', '-'});
                    i++;
                }
            }
            int last = -1;  // the character a - may start a range from, or -1
            while (true) {
                if (i == pattern.length()) {
                    throw new IllegalArgumentException("a [ at position " + open + " is never closed");
                }
                int c = pattern.codePointAt(i);
                i += Character.charCount(c);
                if (c == ']') {
                    break;
                }
                if (c == '/') {
                    throw new IllegalArgumentException("a class cannot hold the separator / (position " + (i - 1) + ")");
                }
                if (c != '-') {
                    ranges.add(new int[] {c, c});
                    last = c;
                    continue;
                }
                if (last < 0) {
                    throw new IllegalArgumentException("a - at position " + (i - 1) + " has no start of its range");
                }
                if (i == pattern.length()) {
                    continue;  // reported as never closed
                }
                int to = pattern.codePointAt(i);
                i += Character.charCount(to);
                ranges.add(new int[] {'-', '-'});
                if (to == ']') {
                    break;
                }
                if (to < last) {
                    throw new IllegalArgumentException("the range " + Character.toString(last) + "-"
                            + Character.toString(to) + " is backwards");
                }
                ranges.removeLast();
                ranges.add(new int[] {last, to});
                last = -1;
            }
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("the class at position " + open + " is empty");
            }
            return new CharClass(ranges, negated);
        }

        /** Every alternative so far, followed by each of the group's choices. */
        private static List<List<Token>> expand(List<List<Token>> alternatives, List<List<Token>> choices) {
            if ((long) alternatives.size() * choices.size() > MAX_ALTERNATIVES) {
                throw new IllegalArgumentException("the pattern's groups make more than " + MAX_ALTERNATIVES
                        + " alternatives");
            }
            List<List<Token>> expanded = new ArrayList<>();
            for (List<Token> prefix : alternatives) {
                for (List<Token> choice : choices) {
                    List<Token> tokens = new ArrayList<>(prefix);
                    tokens.addAll(choice);
                    expanded.add(tokens);
                }
            }
            return expanded;
        }
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
        for (int p = 0; p < path.length() && !current.isEmpty(); ) {
            int c = path.codePointAt(p);
            p += Character.charCount(c);
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
