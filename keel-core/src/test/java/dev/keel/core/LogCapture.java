package dev.keel.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The records one logger publishes while open, at every level: where {@link System.Logger} writes
 * without a logging framework, the {@code java.util.logging} logger of the same name. Closing it puts
 * the logger back as it was.
 */
final class LogCapture extends Handler implements AutoCloseable {

    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the level set here. */
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previousLevel;
    private final boolean previousUseParents;

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        this.previousUseParents = logger.getUseParentHandlers();
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    /** Captures the logger named {@code name}. */
    static LogCapture of(String name) {
        return new LogCapture(Logger.getLogger(name));
    }

    /** Sets the captured logger's own level (not this handler's), as a deployment would. */
    void loggerLevel(Level level) {
        logger.setLevel(level);
    }

    /** What was published so far, oldest first. */
    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The published records' messages with their parameters filled in. */
    List<String> lines() {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream().map(formatter::formatMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParents);
    }
}
