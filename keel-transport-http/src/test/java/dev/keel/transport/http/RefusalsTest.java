package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flood of refusals makes a handful of log lines, not a flood of them. */
class RefusalsTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("dev.keel.transport.http");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    private static ClientKey client(int n) throws Exception {
        return ClientKey.of(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (n >> 8), (byte) n}), 1));
    }

    @Test
    void eachLimitIsLoggedOncePerClientPerInterval() throws Exception {
        Refusals refusals = new Refusals();
        for (int i = 0; i < 1000; i++) {
            refusals.refused("connections", 2, client(1));
        }
        refusals.refused("requests in flight", 5, client(1));
        refusals.refused("connections", 2, client(2));
        assertThat(lines).containsExactly(
                "Refused 10.0.0.1: it is at its limit of 2 connections per client address (logged once a minute per client)",
                "Refused 10.0.0.1: it is at its limit of 5 requests in flight per client address (logged once a minute per client)",
                "Refused 10.0.0.2: it is at its limit of 2 connections per client address (logged once a minute per client)");
    }

    @Test
    void beyondTheClientsRememberedRefusalsAreSummedUp() throws Exception {
        Refusals refusals = new Refusals();
        for (int n = 0; n < Refusals.MAX_REMEMBERED + 500; n++) {
            refusals.refused("connections", 2, client(n));
        }
        assertThat(lines).hasSize(Refusals.MAX_REMEMBERED + 1);
        assertThat(lines.getLast()).contains("were not logged one by one");
    }
}
