package io.knotwise.channel.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Cuts off a request body that arrives slower than a minimum rate, measured for each request from the first time its
 * body is asked for (after a second's grace), or that is still arriving after a deadline; the reader then sees a
 * timeout, answered with a 408. Jetty's own
 * MinimumDataRateHandler measures the bytes of every request through it together, so under load a trickling client
 * is never cut off. Thread-safe: one request's body is read by one reader at a time.
 */
final class BodyRate extends Handler.Wrapper {

    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long minimumBytesPerSecond;
    private final long deadlineNanos;

    BodyRate(long minimumBytesPerSecond, Duration deadline) {
        this.minimumBytesPerSecond = minimumBytesPerSecond;
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new Metered(request), response, callback);
    }

    private final class Metered extends Request.Wrapper {

        private volatile long firstDemand;
        private volatile boolean demanded;
        private volatile long bytes;
        private volatile Content.Chunk tooSlow;

        Metered(Request request) {
            super(request);
        }

        @Override
        public void demand(Runnable demandCallback) {
            long now = NanoTime.now();
            if (!demanded) {
                demanded = true;
                firstDemand = now;
            }
            long elapsed = NanoTime.elapsed(firstDemand, now);
            boolean slow = elapsed > GRACE_NANOS
                    && bytes * TimeUnit.SECONDS.toNanos(1) / elapsed < minimumBytesPerSecond;
            if (slow || elapsed > deadlineNanos) {
                tooSlow = Content.Chunk.from(new TimeoutException("the request body arrived slower than "
                        + minimumBytesPerSecond + " bytes a second, or took longer than the deadline"));
                demandCallback.run();
                return;
            }
            super.demand(demandCallback);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk slow = tooSlow;
            if (slow != null) {
                return slow;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                bytes += chunk.remaining();
            }
            return chunk;
        }
    }
}
