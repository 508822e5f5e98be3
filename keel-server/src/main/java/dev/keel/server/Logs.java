package dev.keel.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;

/**
 * The server's logging set-up: everything to stderr (stdout is MCP's in stdio mode and the URL's
 * otherwise), at the configured level, as text for people or one JSON object per line.
 */
final class Logs {

    static final String TEXT_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24}%replace( [%mdc]){' \\[\\]', ''} - %msg%n";

    private Logs() {
    }

    /** Sets the root level ({@code trace} … {@code error}) and the format ({@code text} or {@code json}). */
    static void configure(String level, String format) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        install(context, "json".equals(format) ? null : TEXT_PATTERN, Level.toLevel(level, Level.INFO));
    }

    /**
     * Replaces the root logger's appenders with one that writes to stderr: lines of {@code pattern},
     * or JSON objects when it is null; and sets the root level, unless {@code level} is null.
     */
    static void install(LoggerContext context, String pattern, Level level) {
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (level != null) {
            root.setLevel(level);
        }
        Encoder<ILoggingEvent> encoder;
        if (pattern == null) {
            JsonEncoder json = new JsonEncoder();
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }
}
