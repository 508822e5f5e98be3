package dev.keel.transport.http;

import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Says what to add when Jetty's logging goes nowhere: Jetty logs through SLF4J, Keel brings no SLF4J provider
 * (the application chooses its backend), and without one SLF4J drops every message after a one-line warning of
 * its own that does not say what to add.
 */
final class LoggingBackend {

    static final String ADVICE = "Jetty logs through SLF4J, which found no provider, so its messages are lost: add"
            + " one, such as ch.qos.logback:logback-classic (keel-bom has its version), and"
            + " org.slf4j:slf4j-jdk-platform-logging to send Keel's own messages there too";

    private LoggingBackend() {
    }

    /** Whether SLF4J has no provider and discards everything. */
    static boolean missing() {
        return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;
    }

    /** Warns on {@code log} if SLF4J has no provider. */
    static void adviseIfMissing(System.Logger log) {
        if (missing()) {
            log.log(System.Logger.Level.WARNING, ADVICE);
        }
    }
}
