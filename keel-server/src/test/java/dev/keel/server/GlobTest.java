package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The linear glob matcher agrees with the JDK's, and no pattern makes it backtrack. */
class GlobTest {

    private static final List<String> PATHS = List.of("a.md", "docs/a.md", "docs/deep/b.md", "a.txt", "docs/a.txt",
            "README", "x/y/z", "abc", "ab", "a", "", "a.b.c", "dir/.hidden", "src/Main.java", "src/Main.class",
            "a-b", "[x]", "q?", "star*");

    @ParameterizedTest
    @ValueSource(strings = {"*.md", "**.md", "**/*.md", "docs/*", "docs/**", "?", "??", "a?c", "*", "**", "a*",
            "*.{md,txt}", "src/*.{java,class}", "[ab]*", "[!a]*", "[a-c]b*", "*/*/*", "a\\*", "\\[x\\]", "q\\?",
            "star\\*", "docs/**/b.md", "{a,docs/a}.md", "**/", "a.b.*", "*.b.c", ".*", "*/.*"})
    void agreesWithTheJdk(String pattern) {
        PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Glob glob = Glob.compile(pattern);
        for (String path : PATHS) {
            assertThat(glob.matches(path)).as("%s against %s", pattern, path).isEqualTo(jdk.matches(Path.of(path)));
        }
    }

    /** Found by GlobFuzzTest: groups were cut at their first } and , and characters counted in UTF-16 units. */
    @ParameterizedTest
    @ValueSource(strings = {"{a\\,b}", "{[},]}", "x{md,[!}]}", "{*.md,[a-c]?}", "{a\\}}", "?", "[a-\uD83D\uDE00]",
            "\\\uD83D\uDE00", "[!-a]", "[a-]", "[a&&b]"})
    void groupsClassesAndCharactersAreReadAsTheJdkReadsThem(String pattern) {
        PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Glob glob = Glob.compile(pattern);
        for (String path : List.of("a,b", "a", "b", "}", ",", "x}", "xmd", "x!", "b.md", "c1", "a}", "\uD83D\uDE00",
                "\uD83D\uDE01", "^", "-", "&", "a-")) {
            assertThat(glob.matches(path)).as("%s against %s", pattern, path).isEqualTo(jdk.matches(Path.of(path)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[!]", "[a/b]", "[^-a]", "{a,{b}}", "[z-a]"})
    void classesAndGroupsTheJdkRefusesAreRefused(String pattern) {
        assertThatThrownBy(() -> FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        assertThatThrownBy(() -> Glob.compile(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPatternBuiltToBacktrackIsAnsweredAtOnce() {
        // the JDK's regular expression takes about 10^15 steps for this against a long name
        String pattern = "**?".repeat(20) + "x";
        String path = "a".repeat(200);
        assertThat(Glob.compile(pattern).matches(path)).isFalse();
        assertThat(Glob.compile(pattern).matches(path + "x")).isTrue();
    }

    @Test
    void limitsAndSyntaxErrorsNameTheProblem() {
        assertThatThrownBy(() -> Glob.compile("a".repeat(Glob.MAX_LENGTH + 1))).hasMessageContaining("limit of 1024");
        assertThatThrownBy(() -> Glob.compile("?".repeat(Glob.MAX_WILDCARDS + 1))).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> Glob.compile("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}")).hasMessageContaining("alternatives");
        assertThatThrownBy(() -> Glob.compile("[ab")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Glob.compile("{a,b")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Glob.compile("a\\")).hasMessageContaining("escape");
    }
}
