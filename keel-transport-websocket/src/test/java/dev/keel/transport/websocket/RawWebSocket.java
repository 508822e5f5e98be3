package dev.keel.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket peer on a bare socket (RFC 6455 framing, written out by hand), for what a well-behaved
 * client library will not do: leave pings unanswered, or stop reading altogether. Frames are read
 * only when the test asks, so a peer that is not asked reads nothing.
 */
final class RawWebSocket implements AutoCloseable {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** One frame as the server sent it (server frames are never masked). */
    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? -1 : ByteBuffer.wrap(payload, 0, 2).getShort() & 0xFFFF;
        }

        String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Frame[opcode=" + opcode + ", " + payload.length + " bytes]";
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private volatile long lastSent;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code uri} (ws://127.0.0.1:port/path) and completes the upgrade. A positive
     * {@code receiveBufferBytes} shrinks the socket's receive buffer first, so that a peer that does
     * not read pushes back on the server sooner.
     */
    static RawWebSocket open(URI uri, int receiveBufferBytes) throws IOException {
        return open(uri, receiveBufferBytes, null);
    }

    /**
     * As {@link #open(URI, int)}, from the local address {@code from} when not null: Linux routes all of
     * 127.0.0.0/8 to loopback, so a socket bound to 127.0.0.2 is a second client address.
     */
    static RawWebSocket open(URI uri, int receiveBufferBytes, String from) throws IOException {
        Socket socket = new Socket();
        if (from != null) {
            socket.bind(new java.net.InetSocketAddress(from, 0));
        }
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        RawWebSocket peer = new RawWebSocket(socket);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        peer.out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head;
        try {
            peer.out.flush();
            head = peer.readHead();
        } catch (IOException closed) {
            socket.close();  // closed or reset before it answered: nothing is left open
            throw closed;
        }
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the upgrade was refused: " + head);
        }
        return peer;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** How long {@link #readFrame()} waits before it fails with {@link java.net.SocketTimeoutException}. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendPong(byte[] payload) throws IOException {
        send(PONG, payload);
    }

    /** Writes one final frame, masked as a client must. */
    private synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        lastSent = System.nanoTime();
        out.write(frame.toByteArray());
        out.flush();
    }

    /** {@link System#nanoTime()} just before the last frame was written: the server heard from this peer no earlier. */
    long lastSent() {
        return lastSent;
    }

    /** The next frame, control frames included. */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** The next text message, reassembled from its fragments; pings on the way are answered. */
    String readMessage() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Frame frame = readFrame();
            switch (frame.opcode()) {
                case PING -> sendPong(frame.payload());
                case TEXT, CONTINUATION -> {
                    message.writeBytes(frame.payload());
                    if (frame.fin()) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
                default -> throw new IOException("expected a text message, got " + frame);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
