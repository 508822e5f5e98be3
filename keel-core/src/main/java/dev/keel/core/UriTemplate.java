package dev.keel.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches URIs against an RFC 6570 template: simple expansion {@code {var}} matches one or more
 * characters other than {@code /?#&,}; reserved expansion {@code {+var}} matches anything; the
 * query form {@code {?a,b}} matches an optional query string. Enough to route reads; not a full
 * RFC 6570 implementation. Immutable.
 */
final class UriTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("\\{([+?]?)([A-Za-z0-9_.,]+)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> variables;
    private final List<String> queryVariables;

    UriTemplate(String template) {
        this.template = template;
        StringBuilder regex = new StringBuilder();
        List<String> vars = new ArrayList<>();
        List<String> query = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            String operator = m.group(1);
            String names = m.group(2);
            switch (operator) {
                case "+" -> {
                    regex.append("(.+)");
                    vars.add(names);
                }
                case "?" -> {
                    regex.append("(?:\\?(.*))?");
                    query.addAll(List.of(names.split(",")));
                    vars.add(null);
                }
                default -> {
                    regex.append("([^/?#&,]+)");
                    vars.add(names);
                }
            }
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        this.pattern = Pattern.compile(regex.toString());
        this.variables = vars;
        this.queryVariables = query;
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
        Matcher m = pattern.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        try {
            return bind(m);
        } catch (Malformed e) {
            return null;
        }
    }

    private Map<String, String> bind(Matcher m) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            String value = m.group(i + 1);
            String name = variables.get(i);
            if (name != null) {
                values.put(name, decode(value));
            } else if (value != null) {
                for (String pair : value.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = eq < 0 ? pair : pair.substring(0, eq);
                    if (queryVariables.contains(key)) {
                        values.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
                    }
                }
            }
        }
        return values;
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
