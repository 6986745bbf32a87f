package io.knotwise.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The one thread that writes an SQLite file for every other thread (group commit): what arrives while a commit is
 * under way is written together in the next transaction, so concurrent turns share one sync to disk. When a piece of
 * work fails, the transaction is undone and its pieces run again, each in a savepoint of its own, so that the one that
 * fails is undone alone; its caller gets the exception (savepoints for every piece cost the writer two statements a
 * piece when none fails). A caller waits until its work is committed, or is answered then through a future; what it
 * asks to be done on commit runs on this thread, in commit order.
 * Thread-safe.
 */
final class SqliteWriter implements AutoCloseable {

    /** Enough to share a sync among all the turns a busy server has in flight, few enough to keep a commit short. */
    private static final int MOST_AT_ONCE = 256;

    /** Statements run on the writer's connection; they may run twice (see above), so they do nothing else. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Job<T>(Work<T> work, Consumer<? super T> committed, boolean alone, CompletableFuture<T> done) {

        void finish(Object result) {
            @SuppressWarnings("unchecked") T value = (T) result;
            try {
                committed.accept(value);
                done.complete(value);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    private final Connection connection;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    SqliteWriter(Connection connection, String name) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.thread = new Thread(this::writeUntilClosed, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs the work in a transaction shared with other callers'; returns its result once committed. */
    <T> T write(Work<T> work, Consumer<? super T> committed) throws SQLException {
        return await(submit(work, committed));
    }

    /**
     * Queues the work for a transaction shared with other callers' and returns at once: the future is completed on
     * this writer's thread once the work is committed (after {@code committed} ran), or with the work's exception.
     */
    <T> CompletableFuture<T> submit(Work<T> work, Consumer<? super T> committed) {
        return enqueue(new Job<>(work, committed, false, new CompletableFuture<>()));
    }

    /** Runs work that cannot run inside a transaction (such as a checkpoint) on its own, after what came before. */
    <T> T writeAlone(Work<T> work) throws SQLException {
        return await(enqueue(new Job<>(work, result -> { }, true, new CompletableFuture<T>())));
    }

    private <T> CompletableFuture<T> enqueue(Job<T> job) {
        if (!open) {
            return CompletableFuture.failedFuture(new SQLException("the store is closed"));
        }
        queue.add(job);
        return job.done();
    }

    private static <T> T await(CompletableFuture<T> done) throws SQLException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the write", e);
        }
    }

    private void writeUntilClosed() {
        var jobs = new ArrayList<Job<?>>();
        while (open || !queue.isEmpty()) {
            try {
                jobs.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(jobs, MOST_AT_ONCE - 1);
            var together = new ArrayList<Job<?>>();
            for (Job<?> job : jobs) {
                if (job.alone()) {
                    commit(together);
                    together.clear();
                    runAlone(job);
                } else {
                    together.add(job);
                }
            }
            commit(together);
            jobs.clear();
        }
        queue.forEach(job -> job.done().completeExceptionally(new SQLException("the store is closed")));
    }

    private void commit(List<Job<?>> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        var results = new Object[jobs.size()];
        var failures = new SQLException[jobs.size()];
        try {
            if (!runTogether(jobs, results)) {
                connection.rollback();
                runApart(jobs, results, failures);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollBack();
            jobs.forEach(job -> job.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < jobs.size(); i++) {
            if (failures[i] != null) {
                jobs.get(i).done().completeExceptionally(failures[i]);
            } else {
                jobs.get(i).finish(results[i]);
            }
        }
    }

    /** Runs every job in the one transaction; false, at the first that fails, when they must be run apart. */
    private boolean runTogether(List<Job<?>> jobs, Object[] results) {
        for (int i = 0; i < jobs.size(); i++) {
            try {
                results[i] = jobs.get(i).work().run(connection);
            } catch (SQLException e) {
                return false;
            }
        }
        return true;
    }

    /** Runs each job in a savepoint of its own, so that one that fails is undone alone. */
    private void runApart(List<Job<?>> jobs, Object[] results, SQLException[] failures) throws SQLException {
        try (Statement savepoint = connection.createStatement()) {
            for (int i = 0; i < jobs.size(); i++) {
                savepoint.execute("SAVEPOINT job");
                try {
                    results[i] = jobs.get(i).work().run(connection);
                } catch (SQLException e) {
                    failures[i] = e;
                    savepoint.execute("ROLLBACK TO job");
                }
                savepoint.execute("RELEASE job");
            }
        }
    }

    private void runAlone(Job<?> job) {
        try {
            connection.setAutoCommit(true);
            job.finish(job.work().run(connection));
        } catch (SQLException | RuntimeException e) {
            job.done().completeExceptionally(e);
        } finally {
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                job.done().completeExceptionally(e);
            }
        }
    }

    private void rollBack() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The transaction is gone either way; the callers have the first error.
        }
    }

    /** Writes what was asked before, then closes the connection. */
    @Override
    public void close() throws SQLException {
        open = false;
        queue.add(new Job<>(connection -> null, result -> { }, true, new CompletableFuture<>()));
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
