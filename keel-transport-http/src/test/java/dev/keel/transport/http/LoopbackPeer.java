package dev.keel.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection to a test server from a loopback address of the test's choosing: Linux
 * routes all of 127.0.0.0/8 to the loopback interface, so a socket bound to 127.0.0.2 is a second
 * client address on one machine (the JDK's HTTP client cannot bind a local address). Requests are
 * written by hand and responses read as they come: whole ones (Content-Length or chunked) or, for an
 * event stream, one {@code data:} line at a time.
 */
final class LoopbackPeer implements AutoCloseable {

    static final String OTHER = "127.0.0.2";

    private final Socket socket;
    private final InputStream raw;
    private final OutputStream out;
    /** The body of the response being read, once its head has been read. */
    private InputStream body;

    private LoopbackPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.raw = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects from {@code from} (an address of 127.0.0.0/8) to the transport's port. */
    static LoopbackPeer connect(String from, HttpTransport transport) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", transport.port()), 10_000);
        socket.setSoTimeout(10_000);
        return new LoopbackPeer(socket);
    }

    /** A complete response: its status, its headers (names in lower case) and its body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes a POST of {@code body} with the given headers (Host, Content-Type, Accept, Content-Length added). */
    LoopbackPeer post(String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: " + bytes.length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes a GET of {@code path} with the given headers (Host and an event-stream Accept added). */
    LoopbackPeer get(String path, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /** A 2026-07-28 request of {@code method} with {@code params} (without the braces). */
    LoopbackPeer modern(String method, String params) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params
                + (params.isEmpty() ? "" : ",") + HttpFixture.META + "}}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("MCP-Protocol-Version", "2026-07-28");
        headers.put("Mcp-Method", method);
        int name = params.indexOf("\"name\":\"");
        if (name >= 0) {
            headers.put("Mcp-Name", params.substring(name + 8, params.indexOf('"', name + 8)));
        }
        return post(body, headers);
    }

    /** Reads the next whole response. */
    Response response() throws IOException {
        Response head = head();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.transferTo(bytes);
        return new Response(head.status(), head.headers(), bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * The status and the JSON-RPC answer of the next response, whether it came as JSON or as an event
     * stream (its last {@code data:} line): a request that runs a while is answered as a stream.
     */
    Response answer() throws IOException {
        Response head = head();
        String type = head.header("Content-Type");
        if (type == null || !type.startsWith("text/event-stream")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            body.transferTo(bytes);
            return new Response(head.status(), head.headers(), bytes.toString(StandardCharsets.UTF_8));
        }
        String last = null;
        for (String data; (data = nextData()) != null; ) {
            last = data;
        }
        return new Response(head.status(), head.headers(), last);
    }

    /** Reads the next response's head only; its body is then read with {@link #nextData}. */
    Response head() throws IOException {
        String status = line(raw);
        if (status == null) {
            throw new SocketException("the server closed the connection");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; (line = line(raw)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        body = length != null ? new Limited(raw, Long.parseLong(length))
                : "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Chunked(raw) : raw;
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, null);
    }

    /** The next {@code data:} line of the event stream whose head was read, without its prefix; null at its end. */
    String nextData() throws IOException {
        for (String line; (line = line(body)) != null; ) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        return null;
    }

    /**
     * Whether the server closed this connection without a word (as it does one beyond its address's
     * limit): a read ends or is reset within {@code wait}, with nothing sent.
     */
    boolean closedByServer(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return raw.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;  // reset
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    OutputStream output() {
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One line ending in LF (a CR before it dropped), or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** The next {@code length} bytes of a stream. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        Limited(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }
    }

    /** A chunked body, decoded. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size == null) {
                    ended = true;
                    return -1;
                }
                if (size.isEmpty()) {  // the CRLF that ends the chunk before
                    size = line(in);
                }
                left = Long.parseLong(size.trim(), 16);
                if (left == 0) {
                    line(in);  // the empty trailer
                    ended = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }
    }
}
