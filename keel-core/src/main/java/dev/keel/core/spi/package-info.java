/**
 * What others implement for the engine.
 *
 * <p><b>Transports.</b> How a wire reaches the engine. A {@link dev.keel.core.spi.Transport} owns a
 * wire; for each connection it opens a {@link dev.keel.core.spi.Channel} on the server, hands it
 * every framed message it reads, and writes what the channel gives its
 * {@link dev.keel.core.spi.MessageSink}. Framing, limits on the wire and closing belong to the
 * transport; decoding, answering and concurrency to the channel.
 *
 * <p><b>State.</b> Everything kept across requests sits behind an interface with an in-memory default
 * for one process, shaped so that a store shared between nodes ({@code keel-redis}) can take its place:
 * {@link dev.keel.core.spi.SessionStore} (legacy sessions' data),
 * {@link dev.keel.core.spi.StateStore} (values behind server-minted handles, and legacy sessions'
 * own values), {@link dev.keel.core.spi.EventStore} (legacy SSE events, for resuming a stream) and
 * {@link dev.keel.core.spi.EventBus} (change notifications). Each store has a contract in the test kit
 * that every implementation passes.
 *
 * <p><b>Extensions.</b> {@link dev.keel.core.spi.SchemaSupport} (JSON Schema generation and validation)
 * and {@link dev.keel.core.spi.ComponentScanner} (annotated methods), found with {@link java.util.ServiceLoader}.
 */
package dev.keel.core.spi;
