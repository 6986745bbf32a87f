package io.knotwise.channel;

import io.knotwise.engine.Message;
import io.knotwise.engine.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds timed on a chat platform, where no widget counts down: a turn that starts a timer schedules a "time's up"
 * message for that user, and the user's next message cancels it (they have moved on). Timers live in this process
 * only: a restart forgets a running hold, which costs nothing but the reminder. One instance serves every channel;
 * a user is known by channel and platform id. Thread-safe.
 */
public final class ChatTimers implements AutoCloseable {

    public static final String TIMES_UP = "Time's up. Release slowly, and say next when you're ready.";

    /** The time's-up message as a turn of its own, for channels that post turns. */
    public static Turn timesUp() {
        return new Turn(null, List.of(Message.of(Message.TEXT, TIMES_UP)), List.of(), null, null, null,
                List.of());
    }

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "knotwise-chat-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentHashMap<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();
    private final long nanosPerSecond;

    /** Timers that last as long as they say. */
    public ChatTimers() {
        this(Duration.ofSeconds(1));
    }

    /** @param second how long one second of a hold lasts (shorter in tests, so a hold ends quickly) */
    public ChatTimers(Duration second) {
        this.nanosPerSecond = second.toNanos();
    }

    /** The seconds of the timer a turn starts, if it starts one. */
    public static Optional<Integer> started(Turn turn) {
        return turn.messages().stream().map(Message::timerSeconds).filter(Objects::nonNull).findFirst();
    }

    /** Cancels the user's running timer, and starts one when the turn asks for it; {@code timesUp} runs at its end. */
    public void after(String channel, String id, Turn turn, Runnable timesUp) {
        cancel(channel, id);
        String user = channel + ":" + id;
        started(turn).ifPresent(seconds -> {
            if (seconds <= 0) {
                timesUp.run();
                return;
            }
            ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
            self[0] = clock.schedule(() -> {
                if (running.remove(user, self[0])) {
                    timesUp.run();
                }
            }, seconds * nanosPerSecond, TimeUnit.NANOSECONDS);
            running.put(user, self[0]);
        });
    }

    /** Stops the user's running timer without a message: they have moved on. */
    public void cancel(String channel, String id) {
        ScheduledFuture<?> timer = running.remove(channel + ":" + id);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
