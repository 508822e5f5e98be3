package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.testkit.CheckLeaks;

/** An application without an SLF4J provider is told which one to add when HTTP starts. */
@CheckLeaks
class LoggingBackendTest {

    @Test
    void startingWithoutAnSlf4jProviderWarnsWhatToAdd() {
        // this module's tests have no SLF4J provider, and System.Logger writes to java.util.logging
        assertThat(LoggingBackend.missing()).isTrue();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.keel.transport.http");
        logger.addHandler(capture);
        HttpTransport http = HttpTransport.builder().port(0).build();
        try {
            http.start(McpServer.builder().build());
        } finally {
            http.stop(Duration.ofSeconds(2));
            logger.removeHandler(capture);
        }
        assertThat(records).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("ch.qos.logback:logback-classic");
        });
    }
}
