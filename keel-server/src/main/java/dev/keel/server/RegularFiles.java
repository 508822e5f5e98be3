package dev.keel.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.keel.core.ToolError;

/**
 * Opens regular files for reading without ever waiting on a special one. Checking the type first is
 * not enough: a FIFO swapped in between the check and the open would block the open until some writer
 * appears, and Java cannot open with {@code O_NONBLOCK}. So the open runs on a virtual thread of its
 * own and is given {@link #PATIENCE}; a regular file opens at once, so an open still waiting is a
 * special file. A FIFO is then released by opening its other end (which returns at once, since our
 * reader waits), and the opened channel is closed; the request gets a clear error either way. After
 * the open, the path must still name the regular file that was checked (same file key).
 */
final class RegularFiles {

    /** How long an open may take before the file is taken for a special one. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private RegularFiles() {
    }

    /**
     * A channel reading the regular file {@code path} (its last component not followed if a link);
     * {@code shown} names it in errors.
     *
     * @throws ToolError if it is not a regular file, or stops being one while opened
     */
    static FileChannel openForReading(Path path, String shown) throws IOException, InterruptedException {
        BasicFileAttributes checked = attributes(path, shown);
        if (!checked.isRegularFile()) {
            throw new ToolError("'" + shown + "' is not a regular file");
        }
        FileChannel channel = open(path, shown, PATIENCE);
        BasicFileAttributes opened = attributes(path, shown);
        if (!opened.isRegularFile() || !Objects.equals(checked.fileKey(), opened.fileKey())) {
            channel.close();
            throw new ToolError("'" + shown + "' changed while it was opened; try again");
        }
        return channel;
    }

    /** Opens {@code path} for reading, giving up on it after {@code patience}. */
    static FileChannel open(Path path, String shown, Duration patience) throws IOException, InterruptedException {
        CompletableFuture<FileChannel> opening = new CompletableFuture<>();
        Thread.ofVirtual().name("keel-file-open").start(() -> {
            try {
                opening.complete(FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        });
        try {
            return opening.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("opening " + shown + " failed", e.getCause());
        } catch (TimeoutException e) {
            abandon(path, opening);
            throw new ToolError("'" + shown + "' is not a regular file (it did not open within "
                    + patience.toMillis() + " ms)");
        } catch (InterruptedException e) {
            abandon(path, opening);
            throw e;
        }
    }

    /**
     * Gives up an open still waiting: the channel is closed whenever it opens, and a FIFO's open is
     * ended at once by opening the FIFO for writing too. An open waiting on a device, or on a FIFO this
     * process may not write, stays until the device or a writer answers; nothing more can end it.
     */
    private static void abandon(Path path, CompletableFuture<FileChannel> opening) {
        opening.whenComplete((channel, failure) -> {
            if (channel != null) {
                closeQuietly(channel);
            }
        });
        try {
            if (opening.isDone() || !Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .isOther()) {
                return;
            }
            // read and write: on Linux this never waits, even with no reader left, and the waiting
            // reader has its writer; it sees the end of the data as this closes
            FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                    .close();
        } catch (IOException e) {
            // gone, swapped again or not writable: the open ends on its own or with the device
        }
    }

    private static BasicFileAttributes attributes(Path path, String shown) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ToolError("'" + shown + "' does not exist");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a channel nobody reads: nothing to tell anyone
        }
    }
}
