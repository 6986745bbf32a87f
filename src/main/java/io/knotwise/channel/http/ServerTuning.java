package io.knotwise.channel.http;

import io.javalin.config.JavalinConfig;
import io.knotwise.Settings;
import java.util.concurrent.Executor;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * How the HTTP server is set up under Javalin: its threads and buffers, what it does with slow or greedy clients,
 * and how it stops. Nothing here knows a route.
 */
final class ServerTuning {

    /** The largest request body accepted; larger ones get a 413. */
    static final long MAX_BODY_BYTES = 16 * 1024;
    private static final int RESPONSE_COPY_BYTES = 4 * 1024;
    /** How long, once stopping, a connection may sit with nothing arriving before it is closed. */
    private static final long SHUTDOWN_IDLE_MILLIS = 100;
    /**
     * Jetty's setting for how many object references share a cache line. Left unset, Jetty works it out through the
     * platform's MBean server, which takes about 50 ms of start-up on two cores; 16 is right for compressed
     * references (a heap under 32 GB), and Jetty's classes here use only its integers per line, not this.
     */
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private ServerTuning() {
    }

    /** Sets the server up; returns its request threads, on which an answer that waited for the store is written. */
    static Executor apply(JavalinConfig config, Settings settings) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.prefer405over404 = true;
        // Javalin copies each answer held as a result (errors, the page's files, metrics) through a new buffer of
        // this size (by default Jetty's 32 KB output buffer); they are a few KB, so a smaller one saves the garbage.
        // The API's answers do not pass through it: Json.respond writes them straight to the response.
        config.http.responseBufferSize = RESPONSE_COPY_BYTES;
        // Read once, when Jetty makes its first queue (the thread pool's, below).
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
        // A few threads per core: the work is CPU-bound, and 200 threads (Jetty's default) only queue for the cores
        // and lengthen the tail.
        int threads = settings.server().threads();
        var pool = new QueuedThreadPool(threads, Math.min(8, threads));
        // No reserved threads: the selector hands every request to the pool's queue, first come first served, rather
        // than running it itself and waking a reserved thread to select in its place.
        pool.setReservedThreads(0);
        config.jetty.threadPool = pool;
        // A connection that sends nothing for this long is closed (bodies, and idle keep-alive connections).
        config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(settings.server().idleTimeout().toMillis()));
        config.jetty.modifyServer(server -> {
            // Request bodies are read in full before a thread takes the request, and one arriving slower than the
            // minimum rate is cut off: clients trickling bytes hold sockets, never the threads that answer. (no more
            // than the largest body taken is held: past that, the read goes on to the 413)
            server.insertHandler(new EagerContentHandler(
                    new EagerContentHandler.RetainedContentLoaderFactory(MAX_BODY_BYTES, -1, false)));
            Settings.Limits limits = settings.limits();
            server.insertHandler(new BodyRate(limits.bodyMinBytesPerSecond(), limits.bodyReadDeadline()));
            server.insertHandler(new KnownMethods());
            var graceful = new GracefulHandler();
            // On stop, requests in flight get the shutdown grace, but a keep-alive connection with nothing in flight
            // is closed after a tenth of a second (Jetty waits a second by default).
            graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
            server.insertHandler(graceful);
            var perAddress = new ConnectionsPerAddress(limits.connectionsPerAddress());
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector connector : server.getConnectors()) {
                        connector.addEventListener(perAddress);
                    }
                }
            });
            server.setErrorHandler(new JsonErrorHandler());
            server.setStopTimeout(settings.server().shutdownGrace().toMillis());
        });
        return pool;
    }
}
