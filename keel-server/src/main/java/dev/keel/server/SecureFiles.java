package dev.keel.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.keel.core.ToolError;

/**
 * The policy of the {@code filesystem} toolset: which paths a client may touch. A path is resolved to
 * its real path (every symbolic link followed) and must then lie inside a root, compared by path
 * components, never by string prefix ({@code /data2} is not inside {@code /data}). Paths from tools
 * are relative to a root, or absolute inside one (read like their relative form); absolute paths
 * outside every root, Windows and {@code ~} paths, {@code ..} that climbs out, NUL bytes and names on
 * the deny-list (at any depth, before and after links are followed) are refused. Reads are capped in size and may be
 * limited to an extension allow-list.
 *
 * <p>What is left: between the check and the open a directory could be swapped for a link by someone
 * with write access inside a root; the final component is opened without following links, which
 * narrows but does not close that window. Roots that untrusted parties can write to deserve an OS
 * sandbox as well.
 */
final class SecureFiles {

    /** A root: its real path and the name that prefixes paths when there are several. */
    record Root(String name, Path path) {
    }

    /** A resolved path: its root, its real path, and the path relative to the root. */
    record Resolved(Root root, Path path, String relative) {
    }

    private final Map<String, Root> roots;
    private final Set<String> denied;
    private final Set<String> extensions;
    final long maxBytes;
    final int maxResults;
    final boolean writable;

    SecureFiles(List<Path> rootPaths, List<String> deniedNames, List<String> allowedExtensions, long maxBytes,
            int maxResults, boolean writable) {
        Map<String, Root> byName = new LinkedHashMap<>();
        for (Path configured : rootPaths) {
            Path real;
            try {
                real = configured.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("the filesystem root " + configured + " does not exist", e);
            }
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("the filesystem root " + configured + " is not a directory");
            }
            String name = real.getFileName() == null ? "root" : real.getFileName().toString();
            String unique = name;
            for (int i = 2; byName.containsKey(unique); i++) {
                unique = name + "-" + i;
            }
            byName.put(unique, new Root(unique, real));
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("the filesystem toolset needs at least one root");
        }
        this.roots = byName;
        this.denied = deniedNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.extensions = allowedExtensions.stream().map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.maxBytes = maxBytes;
        this.maxResults = maxResults;
        this.writable = writable;
    }

    List<Root> roots() {
        return List.copyOf(roots.values());
    }

    /** Whether paths start with a root's name (there are several roots). */
    boolean named() {
        return roots.size() > 1;
    }

    /**
     * Resolves a path a client gave: relative to the only root, or starting with a root's name when
     * there are several. {@code ""} and {@code "."} name the (only) root.
     *
     * @throws ToolError saying why the path is refused
     */
    Resolved resolve(String given) {
        if (given == null) {
            throw new ToolError("a path is required");
        }
        if (given.indexOf('\0') >= 0) {
            throw new ToolError("the path contains a NUL character");
        }
        String path = given.replace('\\', '/');
        if (path.startsWith("/") && given.startsWith("/")) {
            // an absolute path (as clients announce roots, and models repeat them) is read like its relative
            // form when it lies inside a root, and refused like any other way out when it does not
            return resolveAbsolute(given);
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("~")) {
            throw new ToolError("'" + given + "' is absolute; give a path relative to "
                    + (named() ? "one of the roots " + roots.keySet() : "the root"));
        }
        Root root;
        String rest;
        if (named()) {
            int slash = path.indexOf('/');
            String first = slash < 0 ? path : path.substring(0, slash);
            root = roots.get(first);
            if (root == null) {
                throw new ToolError("'" + given + "' does not start with a root; the roots are " + roots.keySet());
            }
            rest = slash < 0 ? "" : path.substring(slash + 1);
        } else {
            root = roots.values().iterator().next();
            rest = path;
        }
        return inside(root, rest, given);
    }

    /**
     * Resolves an absolute path (from a {@code file://} URI): it must lie inside one of the roots.
     *
     * @throws ToolError saying why the path is refused
     */
    Resolved resolveAbsolute(String absolute) {
        if (absolute.indexOf('\0') >= 0) {
            throw new ToolError("the path contains a NUL character");
        }
        Path path;
        try {
            path = Path.of(absolute).normalize();
        } catch (InvalidPathException e) {
            throw new ToolError("'" + absolute + "' is not a path");
        }
        for (Root root : roots.values()) {
            if (path.startsWith(root.path())) {
                return inside(root, root.path().relativize(path).toString(), absolute);
            }
        }
        throw new ToolError("'" + absolute + "' is outside the served directories");
    }

    private Resolved inside(Root root, String rest, String given) {
        Path candidate;
        try {
            candidate = rest.isEmpty() || rest.equals(".") ? root.path() : root.path().resolve(rest).normalize();
        } catch (InvalidPathException e) {
            throw new ToolError("'" + given + "' is not a valid path");
        }
        if (!candidate.startsWith(root.path())) {
            throw new ToolError("'" + given + "' leaves the served directory");
        }
        checkDenied(root.path().relativize(candidate), given);
        Path real = realPath(candidate, given);
        if (!real.startsWith(root.path())) {
            throw new ToolError("'" + given + "' leads outside the served directory through a symbolic link");
        }
        Path relative = root.path().relativize(real);
        checkDenied(relative, given);
        String shown = relative.toString().replace('\\', '/');
        return new Resolved(root, real, named() ? (shown.isEmpty() ? root.name() : root.name() + "/" + shown) : shown);
    }

    /** The real path of {@code path}: links followed for the part that exists, the rest appended. */
    private static Path realPath(Path path, String given) {
        Path existing = path;
        List<Path> missing = new ArrayList<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.addFirst(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ToolError("'" + given + "' is not a valid path");
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            // a dangling link, or a loop: nothing a client may follow
            throw new ToolError("'" + given + "' leads through a broken or looping symbolic link");
        }
        for (Path name : missing) {
            real = real.resolve(name);
        }
        return real.normalize();
    }

    private void checkDenied(Path relative, String given) {
        for (Path part : relative) {
            String name = part.toString().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && denied.contains(name)) {
                throw new ToolError("access to '" + part + "' is denied ('" + given + "')");
            }
        }
    }

    /** Whether {@code name} is on the deny-list (for listings and searches, which skip such entries). */
    boolean isDenied(String name) {
        return denied.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Refuses a file whose extension is not allowed. */
    void checkExtension(Resolved file) {
        if (extensions.isEmpty()) {
            return;
        }
        String name = file.path().getFileName() == null ? "" : file.path().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!extensions.contains(extension)) {
            throw new ToolError("'" + file.relative() + "' has an extension that may not be read; allowed: "
                    + extensions.stream().sorted().toList());
        }
    }
}
