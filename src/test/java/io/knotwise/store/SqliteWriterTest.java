package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: many threads' writes share transactions, yet each succeeds or fails on its own. */
class SqliteWriterTest {

    @TempDir
    Path folder;
    private SqliteWriter writer;

    @BeforeEach
    void open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("test.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("CREATE TABLE rows (n INTEGER PRIMARY KEY)");
        }
        writer = new SqliteWriter(connection, "test-writer");
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
    }

    @Test
    void concurrentWritesAreAllCommittedAndAFailingOneIsUndoneAlone() throws Exception {
        int threads = 16;
        var pool = Executors.newFixedThreadPool(threads);
        var go = new CountDownLatch(1);
        var sent = new ArrayList<Future<Boolean>>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            sent.add(pool.submit(() -> {
                go.await();
                return writer.write(connection -> {
                    insert(connection, n);
                    if (n == 7) {
                        insert(connection, 1000);
                        throw new SQLException("the seventh write fails after writing a row");
                    }
                    return true;
                }, done -> { });
            }));
        }
        go.countDown();
        int failed = 0;
        for (Future<Boolean> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failed++;
                assertThat(e.getCause()).hasMessageContaining("seventh");
            }
        }
        pool.shutdown();

        assertThat(failed).isEqualTo(1);
        assertThat(committedRows()).hasSize(threads - 1).doesNotContain(7, 1000);
    }

    @Test
    void whatIsAskedOnCommitRunsInCommitOrder() throws SQLException {
        var order = new ArrayList<Integer>();
        for (int n = 0; n < 5; n++) {
            int row = n;
            writer.write(connection -> insert(connection, row), done -> order.add(row));
        }

        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aClosedWriterRefusesWork() throws SQLException {
        writer.close();

        assertThatThrownBy(() -> writer.write(connection -> insert(connection, 1), done -> { }))
                .isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    private static int insert(Connection connection, int n) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rows VALUES (?)")) {
            insert.setInt(1, n);
            return insert.executeUpdate();
        }
    }

    private List<Integer> committedRows() throws SQLException {
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("test.db"));
             Statement statement = reader.createStatement();
             ResultSet row = statement.executeQuery("SELECT n FROM rows")) {
            var rows = new ArrayList<Integer>();
            while (row.next()) {
                rows.add(row.getInt(1));
            }
            return rows;
        }
    }
}
