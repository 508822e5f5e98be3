package dev.keel.testkit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;

/**
 * The server every transport is tested against: {@code echo}, a {@code sleep} that reports progress
 * and records whether it was interrupted, and a {@code block} that waits for the test.
 */
public final class ContractServer {

    /** What each {@code sleep} handler ended with: "finished" or "interrupted". */
    public final BlockingQueue<String> sleepOutcomes = new LinkedBlockingQueue<>();
    /** Opens when a {@code block} call has started. */
    public final CountDownLatch blockStarted = new CountDownLatch(1);
    /** {@code block} calls return once this opens. */
    public final CountDownLatch blockRelease = new CountDownLatch(1);
    /** The thread of the latest {@code block} call. */
    public volatile Thread blockThread;

    /** A builder with the contract's tools, for the transport to add its own settings. */
    public McpServer.Builder builder() {
        return McpServer.builder().name("contract").version("1.0.0")
                .tool(Tool.builder("echo").description("Echoes message")
                        .inputSchema("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},"
                                + "\"required\":[\"message\"]}")
                        .build(),
                        call -> CallToolResult.text(call.arguments().path("message").asString()))
                .tool(Tool.builder("sleep").description("Sleeps ms milliseconds in four steps, reporting progress")
                        .inputSchema("{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}}}").build(),
                        call -> {
                            long ms = call.arguments().path("ms").asLong(100);
                            try {
                                for (int i = 1; i <= 4; i++) {
                                    Thread.sleep(ms / 4);
                                    call.progress(i, 4.0, "step " + i);
                                }
                            } catch (InterruptedException e) {
                                sleepOutcomes.add("interrupted");
                                throw e;
                            }
                            sleepOutcomes.add("finished");
                            return CallToolResult.text("slept " + ms + " ms");
                        })
                .tool(Tool.builder("block").description("Waits until the test releases it").build(), call -> {
                    blockThread = Thread.currentThread();
                    blockStarted.countDown();
                    blockRelease.await();
                    return CallToolResult.text("released");
                });
    }
}
