package dev.keel.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.keel.config.KeelConfig;
import dev.keel.core.McpException;
import dev.keel.core.McpServer;
import dev.keel.core.RequestContext;
import dev.keel.core.Tool;
import dev.keel.core.ToolError;
import dev.keel.health.HealthCheck;
import dev.keel.spec.BlobResourceContents;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.TextContent;
import dev.keel.spec.TextResourceContents;
import dev.keel.spec.ToolAnnotations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code filesystem} toolset: read, list, inspect and search files under configured roots
 * ({@code keel.filesystem.*}), and write them when configured writable; also the files as
 * {@code file://} resources. Every path goes through {@link SecureFiles}. Reads go in chunks through
 * an interruptible channel, so a cancelled call or one past its deadline stops reading at once.
 */
public final class FilesystemToolset implements Toolset {

    private static final int CHUNK = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SecureFiles files;

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public String description() {
        return "read, list, stat and search files under configured roots (keel.filesystem.*), safely";
    }

    @Override
    public void configure(KeelConfig config) {
        KeelConfig.Filesystem fs = config.filesystem();
        files = new SecureFiles(fs.roots().stream().map(Path::of).toList(), fs.deniedNames(), fs.allowedExtensions(),
                fs.maxFileBytes(), fs.maxSearchResults(), fs.writable());
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(HealthCheck.of("filesystem-roots", java.util.Set.of(HealthCheck.Probe.READINESS), () -> {
            for (SecureFiles.Root root : policy().roots()) {
                if (!Files.isDirectory(root.path()) || !Files.isReadable(root.path())) {
                    return HealthCheck.Result.down(root.name() + " is not a readable directory");
                }
            }
            return HealthCheck.Result.up(policy().roots().size() + " root(s) readable");
        }));
    }

    private SecureFiles policy() {
        if (files == null) {
            throw new IllegalStateException("the filesystem toolset is not configured: set keel.filesystem.roots");
        }
        return files;
    }

    @Override
    public void register(McpServer.Builder builder) {
        SecureFiles policy = policy();
        String paths = policy.named() ? "Paths start with a root's name (" + policy.roots().stream()
                .map(SecureFiles.Root::name).toList() + ")." : "Paths are relative to the served directory.";
        builder.tool(Tool.builder("read_file").title("Read a file")
                        .description("Reads a text file, or the part of it given by offset and length (bytes). " + paths)
                        .inputSchema("""
                                {"type":"object","properties":{
                                  "path":{"type":"string","description":"The file"},
                                  "offset":{"type":"integer","minimum":0,"description":"Where to start, in bytes (default 0)"},
                                  "length":{"type":"integer","minimum":1,"description":"How many bytes to read (default: to the end)"}},
                                 "required":["path"],"additionalProperties":false}""")
                        .annotations(ToolAnnotations.readOnly()).build(),
                call -> readFile(call, call.arguments()));
        builder.tool(Tool.builder("list_directory").title("List a directory")
                        .description("Lists a directory: names, kinds and sizes. " + paths)
                        .inputSchema("""
                                {"type":"object","properties":{
                                  "path":{"type":"string","description":"The directory (default: the root)"}},
                                 "additionalProperties":false}""")
                        .annotations(ToolAnnotations.readOnly()).build(),
                call -> listDirectory(call.arguments().path("path").asString(".")));
        builder.tool(Tool.builder("stat").title("Describe a path")
                        .description("Says whether a path is a file or a directory, its size and when it changed. " + paths)
                        .inputSchema("""
                                {"type":"object","properties":{"path":{"type":"string"}},"required":["path"],
                                 "additionalProperties":false}""")
                        .annotations(ToolAnnotations.readOnly()).build(),
                call -> stat(call.arguments().path("path").asString()));
        builder.tool(Tool.builder("search_files").title("Find files")
                        .description("Finds files whose path (relative to the directory searched) matches a glob,"
                                + " such as **/*.md. " + paths)
                        .inputSchema("""
                                {"type":"object","properties":{
                                  "pattern":{"type":"string","description":"A glob over relative paths, e.g. *.md here or **.md at any depth"},
                                  "path":{"type":"string","description":"The directory to search (default: the root)"},
                                  "maxResults":{"type":"integer","minimum":1,"description":"The most results to return"}},
                                 "required":["pattern"],"additionalProperties":false}""")
                        .annotations(ToolAnnotations.readOnly()).build(),
                call -> DirectoryWalks.search(policy(), call, call.arguments()));
        if (policy.writable) {
            builder.tool(Tool.builder("write_file").title("Write a file")
                            .description("Writes a text file, replacing it if it exists; the directory must exist. " + paths)
                            .inputSchema("""
                                    {"type":"object","properties":{
                                      "path":{"type":"string"},"content":{"type":"string"}},
                                     "required":["path","content"],"additionalProperties":false}""").build(),
                    call -> writeFile(call.arguments().path("path").asString(), call.arguments().path("content").asString()));
        }
        for (SecureFiles.Root root : policy.roots()) {
            builder.resource(Resource.of(root.path().toUri().toString(), root.name(),
                            "The served directory " + root.name() + " (a listing)", "text/plain"),
                    call -> readResource(call.uri(), root.path().toString()));
        }
        builder.resourceTemplate(ResourceTemplate.of("file:///{+path}", "file",
                        "A file or directory under the served directories", null),
                call -> readResource(call.uri(), "/" + call.variables().get("path")));
    }

    // ------------------------------------------------------------------ tools

    private CallToolResult readFile(RequestContext call, JsonNode arguments)
            throws IOException, InterruptedException {
        SecureFiles.Resolved file = policy().resolve(arguments.path("path").asString());
        requireFile(file);
        policy().checkExtension(file);
        long size = Files.size(file.path());
        long offset = arguments.path("offset").asLong(0);
        if (offset > size) {
            throw new ToolError("offset " + offset + " is past the end of '" + file.relative() + "' (" + size + " bytes)");
        }
        // offset <= size here, so size - offset cannot overflow; offset + length could
        long end = arguments.has("length") ? offset + Math.min(arguments.get("length").asLong(), size - offset) : size;
        if (end - offset > policy().maxBytes) {
            throw new ToolError("'" + file.relative() + "' is " + size + " bytes; read at most " + policy().maxBytes
                    + " bytes at a time with offset and length");
        }
        byte[] bytes = read(file, offset, end - offset);
        if (looksBinary(bytes)) {
            throw new ToolError("'" + file.relative() + "' is not text; read it as the resource "
                    + file.path().toUri());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return CallToolResult.of(TextContent.of(text));
    }

    /**
     * Reads {@code length} bytes from {@code offset} in chunks. An interrupt (cancellation, deadline)
     * closes the channel and stops the read, which ends as what it is, an interruption, rather than as
     * an I/O failure (an internal error, logged with its stack trace).
     */
    private static byte[] read(SecureFiles.Resolved file, long offset, long length)
            throws IOException, InterruptedException {
        Path path = file.path();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, CHUNK));
        try (FileChannel channel = RegularFiles.openForReading(path, file.relative())) {
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, length)));
            long left = length;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                out.write(buffer.array(), 0, n);
                left -= n;
            }
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();  // the interrupt travels on as the exception, so the flag is cleared
            throw new InterruptedException("stopped reading " + path.getFileName() + " after " + out.size() + " bytes");
        }
        return out.toByteArray();
    }

    private static boolean looksBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private CallToolResult listDirectory(String path) throws IOException {
        if (policy().named() && (path.isEmpty() || path.equals("."))) {
            StringBuilder roots = new StringBuilder();
            for (SecureFiles.Root root : policy().roots()) {
                roots.append(root.name()).append("/\n");
            }
            return CallToolResult.text(roots.toString());
        }
        return CallToolResult.text(DirectoryWalks.listing(policy(), policy().resolve(path)));
    }

    private CallToolResult stat(String path) throws IOException {
        SecureFiles.Resolved resolved = policy().resolve(path);
        if (!Files.exists(resolved.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("'" + resolved.relative() + "' does not exist");
        }
        BasicFileAttributes attributes = Files.readAttributes(resolved.path(), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", resolved.relative().isEmpty() ? "." : resolved.relative());
        info.put("type", attributes.isDirectory() ? "directory" : attributes.isRegularFile() ? "file" : "other");
        info.put("size", attributes.size());
        info.put("modified", attributes.lastModifiedTime().toString());
        info.put("readable", Files.isReadable(resolved.path()));
        info.put("writable", policy().writable && Files.isWritable(resolved.path()));
        return CallToolResult.structured(JSON.valueToTree(info));
    }

    private CallToolResult writeFile(String path, String content) throws IOException {
        SecureFiles.Resolved file = policy().resolve(path);
        policy().checkExtension(file);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > policy().maxBytes) {
            throw new ToolError("the content is " + bytes.length + " bytes, more than the limit of " + policy().maxBytes);
        }
        Path parent = file.path().getParent();
        if (parent == null || !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("the directory of '" + file.relative() + "' does not exist");
        }
        if (Files.isDirectory(file.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("'" + file.relative() + "' is a directory");
        }
        // write beside, then move into place: readers never see half a file
        Path temporary = Files.createTempFile(parent, ".keel-write-", ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file.path(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return CallToolResult.text("wrote " + bytes.length + " bytes to " + file.relative());
    }

    // ------------------------------------------------------------------ resources

    /** A file or directory as a resource; refusals are invalid params, a missing file is not found. */
    private ReadResourceResult readResource(String uri, String absolute) throws IOException, InterruptedException {
        try {
            return readResourceOrRefuse(uri, absolute);
        } catch (ToolError e) {
            if (e.getMessage().endsWith("does not exist")) {
                throw McpException.resourceNotFound(uri);
            }
            throw McpException.invalidParams(e.getMessage(), Map.of("uri", uri));
        }
    }

    private ReadResourceResult readResourceOrRefuse(String uri, String absolute)
            throws IOException, InterruptedException {
        SecureFiles.Resolved resolved = policy().resolveAbsolute(absolute);
        if (Files.isDirectory(resolved.path(), LinkOption.NOFOLLOW_LINKS)) {
            return ReadResourceResult.of(TextResourceContents.of(uri, "text/plain",
                    DirectoryWalks.listing(policy(), resolved)));
        }
        policy().checkExtension(resolved);
        requireFile(resolved);
        long size = Files.size(resolved.path());
        if (size > policy().maxBytes) {
            throw new ToolError("'" + resolved.relative() + "' is " + size + " bytes, more than the limit of "
                    + policy().maxBytes);
        }
        byte[] bytes = read(resolved, 0, size);
        String mime = Files.probeContentType(resolved.path());
        try {
            if (!looksBinary(bytes)) {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                return ReadResourceResult.of(TextResourceContents.of(uri, mime == null ? "text/plain" : mime, text));
            }
        } catch (CharacterCodingException e) {
            // not UTF-8 text: sent as a blob below
        }
        return ReadResourceResult.of(BlobResourceContents.of(uri, mime == null ? "application/octet-stream" : mime, bytes));
    }

    private static void requireFile(SecureFiles.Resolved file) {
        if (!Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("'" + file.relative() + "' does not exist");
        }
        if (!Files.isRegularFile(file.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("'" + file.relative() + "' is not a file");
        }
    }
}
