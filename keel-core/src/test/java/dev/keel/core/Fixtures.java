package dev.keel.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import dev.keel.spec.CallToolResult;

/** A server whose tools echo, sleep (reporting progress) and block, for the engine's tests of concurrency. */
final class Fixtures {

    /** What the {@code sleep} tool's handler saw: "interrupted", "finished". */
    final BlockingQueue<String> sleepOutcomes = new LinkedBlockingQueue<>();
    /** Counted down when a {@code block} call has started. */
    final CountDownLatch blockStarted = new CountDownLatch(1);
    /** The {@code block} tool returns when this opens. */
    final CountDownLatch blockRelease = new CountDownLatch(1);
    /** The thread of the latest {@code block} call. */
    volatile Thread lastBlockThread;

    McpServer.Builder builder() {
        return McpServer.builder()
                .name("fixtures").version("1.2.3")
                .tool(Tool.builder("echo").description("Echoes a message")
                        .inputSchema("""
                                {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""")
                        .build(),
                        call -> CallToolResult.text(call.arguments().path("message").asString()))
                .tool(Tool.builder("sleep").description("Sleeps ms milliseconds, reporting progress")
                        .inputSchema("{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}}}").build(),
                        call -> {
                            long ms = call.arguments().path("ms").asLong(100);
                            long steps = 4;
                            try {
                                for (int i = 1; i <= steps; i++) {
                                    Thread.sleep(ms / steps);
                                    call.progress(i, (double) steps, "step " + i);
                                }
                            } catch (InterruptedException e) {
                                sleepOutcomes.add("interrupted");
                                throw e;
                            }
                            sleepOutcomes.add("finished");
                            return CallToolResult.text("slept " + ms + " ms");
                        })
                .tool(Tool.builder("block").description("Blocks until the test releases it").build(), call -> {
                    lastBlockThread = Thread.currentThread();
                    blockStarted.countDown();
                    blockRelease.await();
                    return CallToolResult.text("released");
                });
    }

    McpServer server() {
        return builder().build();
    }
}
