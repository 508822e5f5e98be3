package dev.keel.server;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

import dev.keel.core.RequestContext;
import dev.keel.core.ToolError;
import dev.keel.spec.CallToolResult;
import tools.jackson.databind.JsonNode;

/**
 * The filesystem toolset's walks over directories, each bounded while it reads: a listing keeps the
 * first {@value #MAX_LISTING} names, a search stops at its result cap, at a cancellation or at the
 * deadline, checked at every file.
 */
final class DirectoryWalks {

    static final int MAX_LISTING = 1000;

    private DirectoryWalks() {
    }

    static String listing(SecureFiles policy, SecureFiles.Resolved dir) throws IOException {
        if (!Files.isDirectory(dir.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("'" + dir.relative() + "' is not a directory");
        }
        // the first MAX_LISTING names in order, kept while reading: a directory of a million entries is
        // never held or sorted whole
        Comparator<Path> byName = Comparator.comparing(Path::getFileName);
        PriorityQueue<Path> first = new PriorityQueue<>(byName.reversed());
        long shownOrMore = 0;
        try (Stream<Path> entries = Files.list(dir.path())) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (policy.isDenied(entry.getFileName().toString())) {
                    continue;
                }
                shownOrMore++;
                first.add(entry);
                if (first.size() > MAX_LISTING) {
                    first.poll();
                }
            }
        }
        List<Path> sorted = new ArrayList<>(first);
        sorted.sort(byName);
        List<String> lines = new ArrayList<>();
        for (Path entry : sorted) {
            String name = entry.getFileName().toString();
            if (Files.isSymbolicLink(entry)) {
                lines.add(name + " -> (link)");
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                lines.add(name + "/");
            } else {
                lines.add(name + "  " + Files.size(entry) + " bytes");
            }
        }
        if (shownOrMore > MAX_LISTING) {
            lines.add("… (more entries not shown)");
        }
        return lines.isEmpty() ? "(empty)" : String.join("\n", lines);
    }

    static CallToolResult search(SecureFiles policy, RequestContext call, JsonNode arguments) throws IOException {
        SecureFiles.Resolved dir = policy.resolve(arguments.path("path").asString("."));
        if (!Files.isDirectory(dir.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("'" + dir.relative() + "' is not a directory");
        }
        Glob matcher;
        try {
            matcher = Glob.compile(arguments.path("pattern").asString());
        } catch (IllegalArgumentException e) {
            throw new ToolError("'" + arguments.path("pattern").asString() + "' is not a usable glob: " + e.getMessage());
        }
        int max = (int) Math.min(policy.maxResults, arguments.path("maxResults").asLong(policy.maxResults));
        List<String> found = new ArrayList<>();
        boolean[] truncated = {false};
        Files.walkFileTree(dir.path(), new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (call.cancelled() || Thread.currentThread().isInterrupted()) {
                    return FileVisitResult.TERMINATE;
                }
                return !d.equals(dir.path()) && policy.isDenied(d.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (call.cancelled() || Thread.currentThread().isInterrupted()) {
                    return FileVisitResult.TERMINATE;  // a deadline stops the work, not just the answer
                }
                if (policy.isDenied(file.getFileName().toString()) || !attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String relative = dir.path().relativize(file).toString().replace('\\', '/');
                if (matcher.matches(relative)) {
                    if (found.size() == max) {
                        truncated[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    found.add(dir.relative().isEmpty() ? relative : dir.relative() + "/" + relative);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        if (call.cancelled()) {
            throw new ToolError("the search was cancelled");
        }
        String text = found.isEmpty() ? "no files match" : String.join("\n", found)
                + (truncated[0] ? "\n… (stopped at " + max + " results)" : "");
        return CallToolResult.text(text);
    }
}
