package dev.keel.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches URIs against an RFC 6570 template: simple expansion {@code {var}} matches one or more
 * characters other than {@code /?#&,}; reserved expansion {@code {+var}} matches one or more of any
 * character; the query form {@code {?a,b}} matches an optional query string. Enough to route reads;
 * not a full RFC 6570 implementation. Immutable.
 *
 * <p>Matching takes time linear in the URI's length times the template's, whatever either holds: a
 * URI is the client's, and a backtracking regular expression (what this class compiled templates to
 * before) takes quadratic time or worse on a template with two variables, minutes for a long URI. A
 * variable takes the longest text that lets the rest of the template match, as a greedy regular
 * expression would: the ways the rest can match are found first, from the end of the URI backwards.
 */
final class UriTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("\\{([+?]?)([A-Za-z0-9_.,]+)}");

    /** One piece of a template: literal text, or a variable matching a run of characters. */
    private sealed interface Part permits Text, Segment, Reserved, Query {
    }

    private record Text(String text) implements Part {
    }

    /** {@code {var}}: one or more characters other than {@code /?#&,}. */
    private record Segment(String name) implements Part {
    }

    /** {@code {+var}}: one or more characters. */
    private record Reserved(String name) implements Part {
    }

    /** {@code {?a,b}}: nothing, or {@code ?} and the rest of the URI, whose pairs name these variables. */
    private record Query(List<String> names) implements Part {
    }

    private final String template;
    private final List<Part> parts;

    UriTemplate(String template) {
        this.template = template;
        List<Part> list = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(template);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                list.add(new Text(template.substring(last, m.start())));
            }
            String names = m.group(2);
            list.add(switch (m.group(1)) {
                case "+" -> new Reserved(names);
                case "?" -> new Query(List.of(names.split(",")));
                default -> new Segment(names);
            });
            last = m.end();
        }
        if (last < template.length()) {
            list.add(new Text(template.substring(last)));
        }
        this.parts = List.copyOf(list);
    }

    String template() {
        return template;
    }

    /**
     * The variables {@code uri} binds, percent-decoded, or {@code null} if it does not match (or
     * carries a malformed escape or a NUL). Values are the client's: a handler that turns one into a
     * file name must check it ({@link ArgumentRules#resolveInside}).
     */
    Map<String, String> match(String uri) {
        BitSet[] rest = restMatches(uri);
        if (!rest[0].get(0)) {
            return null;
        }
        try {
            return bind(uri, rest);
        } catch (Malformed e) {
            return null;
        }
    }

    /**
     * {@code rest[k].get(p)}: whether the parts from the k-th on match {@code uri} from position
     * {@code p} to its end. Computed from the last part backwards, each part from the end of the URI
     * backwards, in one pass per part.
     */
    private BitSet[] restMatches(String uri) {
        int n = uri.length();
        BitSet[] rest = new BitSet[parts.size() + 1];
        rest[parts.size()] = new BitSet(n + 1);
        rest[parts.size()].set(n);
        for (int k = parts.size() - 1; k >= 0; k--) {
            BitSet after = rest[k + 1];
            BitSet here = new BitSet(n + 1);
            switch (parts.get(k)) {
                case Text text -> {
                    int length = text.text().length();
                    for (int p = after.previousSetBit(n); p >= length; p = after.previousSetBit(p - 1)) {
                        if (uri.startsWith(text.text(), p - length)) {
                            here.set(p - length);
                        }
                    }
                }
                case Segment segment -> {
                    // p starts a run of segment characters that reaches a position where the rest matches
                    for (int p = n - 1; p >= 0; p--) {
                        if (inSegment(uri.charAt(p)) && (after.get(p + 1) || here.get(p + 1))) {
                            here.set(p);
                        }
                    }
                }
                case Reserved reserved -> {
                    for (int p = n - 1; p >= 0; p--) {
                        if (after.get(p + 1) || here.get(p + 1)) {
                            here.set(p);
                        }
                    }
                }
                case Query query -> {
                    here.or(after);
                    int lastEnd = after.previousSetBit(n);  // where a query starting at a ? may end, at the latest
                    for (int p = 0; p < lastEnd; p++) {
                        if (uri.charAt(p) == '?') {
                            here.set(p);
                        }
                    }
                }
            }
            rest[k] = here;
        }
        return rest;
    }

    /** Walks the template once more, giving each variable the longest text the rest can follow. */
    private Map<String, String> bind(String uri, BitSet[] rest) {
        Map<String, String> values = new LinkedHashMap<>();
        int p = 0;
        for (int k = 0; k < parts.size(); k++) {
            BitSet after = rest[k + 1];
            switch (parts.get(k)) {
                case Text text -> p += text.text().length();
                case Segment segment -> {
                    int end = p;
                    while (end < uri.length() && inSegment(uri.charAt(end))) {
                        end++;
                    }
                    int to = after.previousSetBit(end);
                    values.put(segment.name(), decode(uri.substring(p, to)));
                    p = to;
                }
                case Reserved reserved -> {
                    int to = after.previousSetBit(uri.length());
                    values.put(reserved.name(), decode(uri.substring(p, to)));
                    p = to;
                }
                case Query query -> {
                    int to = p < uri.length() && uri.charAt(p) == '?' ? after.previousSetBit(uri.length()) : -1;
                    if (to > p) {
                        bindQuery(uri.substring(p + 1, to), query.names(), values);
                        p = to;
                    }
                }
            }
        }
        return values;
    }

    private static void bindQuery(String query, List<String> names, Map<String, String> values) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (names.contains(key)) {
                values.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
    }

    private static boolean inSegment(char c) {
        return c != '/' && c != '?' && c != '#' && c != '&' && c != ',';
    }

    private static String decode(String value) {
        String decoded;
        try {
            decoded = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Malformed();
        }
        if (decoded.indexOf('\0') >= 0) {
            throw new Malformed();
        }
        return decoded;
    }

    /** A URI with a malformed escape: it matches nothing. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }
}
