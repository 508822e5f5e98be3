package dev.keel.core.spi;

import java.util.Map;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.jsonrpc.JsonRpcCodec;

/**
 * What a transport talks to: the narrow side of an {@link McpServer}, apart from what
 * users build with. A transport opens a {@link Channel} per connection, decodes what it reads with
 * {@link #codec()} and hands each message to the channel as an {@link Inbound}, and closes the channel
 * when the connection ends.
 */
public interface Connector {

    /**
     * Opens a channel for one connection whose unasked messages go to {@code sink}, with what the
     * transport knows of the connection (the transport's name, the remote address, credentials) as
     * attributes of every request on it.
     */
    Channel open(MessageSink sink, Map<CallContext.Key<?>, Object> attributes);

    /** The codec every transport decodes with, and its limits. */
    JsonRpcCodec codec();
}
