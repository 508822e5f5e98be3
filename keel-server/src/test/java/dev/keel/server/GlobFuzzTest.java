package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any pattern compiles or is refused with an {@link IllegalArgumentException}, the one exception
 * {@link Glob#compile} documents (the filesystem toolset answers it as a bad argument); a compiled
 * pattern matches any path without throwing, and agrees with the JDK's glob matcher wherever the JDK
 * accepts the pattern.
 *
 * <p>An input is the pattern on its first line and one path per following line.
 */
class GlobFuzzTest {

    /**
     * The JDK compiles a glob to a backtracking regular expression: matches are compared only below
     * these sizes, where it answers quickly whatever the pattern.
     */
    private static final int JDK_MAX_WILDCARDS = 3;
    private static final int JDK_MAX_PATH = 64;

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"*", "**", "?", "[", "]", "[!", "-", "{", "}", ",", "\\", "/", "."})
    void everyPatternCompilesOrIsRefusedAndMatchesAsTheJdks(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        String pattern = lines[0];
        PathMatcher jdk = jdk(pattern);
        Glob glob;
        try {
            glob = Glob.compile(pattern);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            if (jdk != null) {
                assertThat(e.getMessage()).as("'%s' is refused, though the JDK accepts it", pattern)
                        .containsAnyOf("limit of", "wildcards", "alternatives");
            }
            return;
        }
        if (pattern.chars().filter(c -> c == '*' || c == '?' || c == '[').count() > JDK_MAX_WILDCARDS) {
            jdk = null;
        }
        for (int i = 1; i < lines.length; i++) {
            String path = lines[i];
            boolean matches = glob.matches(path);
            if (jdk == null || path.length() > JDK_MAX_PATH || hasLineTerminator(path)) {
                continue;
            }
            Path parsed;
            try {
                parsed = Path.of(path);
            } catch (InvalidPathException e) {
                continue;
            }
            // the JDK matches Path objects, whose text drops repeated and trailing slashes
            String normal = parsed.toString();
            assertThat(glob.matches(normal)).as("'%s' against '%s'", pattern, normal).isEqualTo(jdk.matches(parsed));
            if (normal.equals(path)) {
                assertThat(matches).isEqualTo(jdk.matches(parsed));
            }
        }
    }

    /**
     * The JDK's matcher for {@code pattern}, or null where the JDK refuses it or misreads it: the JDK
     * copies the end of a range into its regular expression unescaped, so {@code [+-\\]} or {@code [!-[]}
     * turns into a different class (a quirk of the JDK's, not copied).
     */
    private static PathMatcher jdk(String pattern) {
        if (pattern.contains("-\\") || pattern.contains("-[") || pattern.contains("-&")) {
            return null;
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /**
     * Line terminators in a path: the JDK's {@code **} becomes the regular expression {@code .*}, which
     * stops at them (a quirk of the JDK's, not copied: a glob's {@code **} matches any character).
     */
    private static boolean hasLineTerminator(String path) {
        return path.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029');
    }
}
