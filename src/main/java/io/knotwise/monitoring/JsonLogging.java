package io.knotwise.monitoring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * How a running guide logs: one JSON object per line on standard error, each with the request id (mdc.request_id)
 * of the request it belongs to, never the text of a message (see the README's privacy section). Set up in code,
 * found by logback through {@code META-INF/services}: reading an XML configuration cost about a fifth of a second of
 * start-up. Where a {@code logback-test.xml} is on the class path (the tests) that file is used instead.
 */
public final class JsonLogging extends ContextAwareBase implements Configurator {

    /** Libraries that log too much at INFO, and the level they are kept to. */
    private static final Map<String, Level> QUIETER = Map.of("org.eclipse.jetty", Level.WARN, "opennlp", Level.WARN,
            "io.netty", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (JsonLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureJson(context, System.getenv("KNOTWISE_REQUEST_LOG"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets a context up to log JSON lines; {@code requestLog} is the level of the request log (off when null). */
    static void configureJson(LoggerContext context, String requestLog) {
        var encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("json");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        // One line per request (method, route, status, ms): off unless KNOTWISE_REQUEST_LOG=INFO.
        context.getLogger("knotwise.http").setLevel(Level.toLevel(requestLog, Level.OFF));
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
