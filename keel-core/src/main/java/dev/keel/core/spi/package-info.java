/**
 * The transport SPI: how a wire reaches the engine. A {@link dev.keel.core.spi.Transport} owns a
 * wire; for each connection it opens a {@link dev.keel.core.spi.Channel} on the server, hands it
 * every framed message it reads, and writes what the channel gives its
 * {@link dev.keel.core.spi.MessageSink}. Framing, limits on the wire and closing belong to the
 * transport; decoding, answering and concurrency to the channel.
 */
package dev.keel.core.spi;
