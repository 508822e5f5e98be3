package dev.keel.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until {@link Logs#configure} applies the server's: text lines on stderr
 * (stdout belongs to the stdio transport), Jetty at WARN. Set up in code rather than from a
 * {@code logback.xml}: parsing XML cost about a fifth of the server's start-up. A configuration file
 * named with {@code -Dlogback.configurationFile} still takes precedence.
 */
public final class LogbackDefaults extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logs.install(context, Logs.TEXT_PATTERN, Level.INFO);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
