package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any template compiles and any URI either matches it, binding the template's variables, or does not,
 * quickly: no exception, and no URI a client sends makes matching slow (a URI of twenty thousand
 * characters is matched within a second). A template without expressions matches exactly itself; a template
 * with one variable matches the URI made by expanding it with any value, binding that value.
 *
 * <p>An input is the template on its first line and one URI per following line.
 */
class UriTemplateFuzzTest {

    /** The expressions {@link UriTemplate} knows: {@code {var}}, {@code {+var}}, {@code {?a,b}}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\{([+?]?)([A-Za-z0-9_.,]+)}");
    private static final int LONG_URI = 20_000;
    private static final long SLOW_NANOS = 1_000_000_000L;

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{", "}", "{+", "{?", ",", "%", "%2F", "%00", "/", "?", "#", "&", "=", "mem://"})
    void everyUriMatchesOrNotQuicklyAndExpansionsMatchTheirValues(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        String template = lines[0];
        UriTemplate compiled = new UriTemplate(template);
        List<String> names = new ArrayList<>();
        int count = 0;
        Matcher expressions = EXPRESSION.matcher(template);
        while (expressions.find()) {
            count++;
            for (String name : expressions.group(2).split(",")) {
                names.add(name);
            }
        }
        for (int i = 1; i < lines.length; i++) {
            String uri = lines[i];
            Map<String, String> bound = compiled.match(uri);
            if (names.isEmpty()) {
                assertThat(bound != null).as("%s against the literal template %s", uri, template)
                        .isEqualTo(uri.equals(template));
            }
            if (bound != null) {
                assertThat(names).containsAll(bound.keySet().stream().flatMap(k -> List.of(k.split(",")).stream())
                        .toList());
            }
            expandsAndMatches(compiled, uri);
        }
        if (count > 1 && lines.length > 1) {  // with one variable even a backtracking matcher is linear
            matchesQuickly(compiled, lines[1]);
        }
    }

    /** A template with one {@code {var}} or {@code {+var}} matches its expansion with {@code value}. */
    private static void expandsAndMatches(UriTemplate template, String value) {
        Matcher m = EXPRESSION.matcher(template.template());
        if (!m.find() || m.group(1).equals("?") || m.group(2).contains(",")) {
            return;
        }
        String before = template.template().substring(0, m.start());
        String after = template.template().substring(m.end());
        if (EXPRESSION.matcher(after).find()) {
            return;
        }
        Map<String, String> bound = template.match(before + encode(value) + after);
        if (value.isEmpty() || value.indexOf('\0') >= 0) {
            assertThat(bound).as("%s expanded with '%s'", template.template(), value).isNull();
        } else {
            assertThat(bound).as("%s expanded with '%s'", template.template(), value)
                    .isEqualTo(Map.of(m.group(2), value));
        }
    }

    /**
     * A URI of twenty thousand characters (the input's first, its part after the template's leading text
     * repeated) is matched in well under a second when matching is linear; a backtracking blow-up takes
     * far longer.
     */
    private static void matchesQuickly(UriTemplate template, String uri) {
        Matcher m = EXPRESSION.matcher(template.template());
        String prefix = m.find() ? template.template().substring(0, m.start()) : template.template();
        String head = uri.startsWith(prefix) ? prefix : "";
        String tail = uri.substring(head.length());
        if (tail.isEmpty()) {
            return;
        }
        String longUri = head + tail.repeat(Math.max(1, LONG_URI / tail.length()));
        long start = System.nanoTime();
        template.match(longUri);
        long took = System.nanoTime() - start;
        assertThat(took).as("matching a URI of %d characters against %s took %d ms", longUri.length(),
                template.template(), took / 1_000_000).isLessThan(SLOW_NANOS);
    }

    /** Percent-encodes every byte of the UTF-8 form of {@code value} but RFC 3986's unreserved ones. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        return out.toString();
    }
}
