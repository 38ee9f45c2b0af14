package dev.tgdl.archive;

import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The archive manifest: an SQLite database per profile ({@code manifest.db}) recording every file
 * tgdl selected, its state (pending, done, retry, failed, skipped), the scan progress of every chat
 * for every output folder, and every run with its stats document. Inspectable with {@code sqlite3}.
 *
 * <p>WAL mode with {@code synchronous=NORMAL}: every committed change survives the process being
 * killed, and readers ({@code tgdl status} during a cron run) never block the writer. One
 * connection, used by one thread at a time; every state change is one transaction.
 */
public final class Manifest implements AutoCloseable {

    /** Schema migrations, in order; {@code PRAGMA user_version} records how many were applied. */
    private static final List<String[]> MIGRATIONS = List.<String[]>of(new String[] {
        """
        CREATE TABLE targets (
            id INTEGER PRIMARY KEY,
            output_root TEXT NOT NULL,
            selection TEXT NOT NULL,
            UNIQUE (output_root, selection))""",
        """
        CREATE TABLE chats (
            chat_id INTEGER PRIMARY KEY,
            username TEXT,
            title TEXT NOT NULL,
            last_run_at INTEGER)""",
        """
        CREATE TABLE scans (
            target_id INTEGER NOT NULL REFERENCES targets (id),
            chat_id INTEGER NOT NULL,
            high_water_mark INTEGER NOT NULL DEFAULT 0,
            checkpoint_top INTEGER,
            checkpoint_reached INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (target_id, chat_id))""",
        """
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            target_id INTEGER NOT NULL REFERENCES targets (id),
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            unique_id TEXT NOT NULL,
            type TEXT NOT NULL,
            size INTEGER NOT NULL,
            file_name TEXT,
            path TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'retry', 'failed', 'skipped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_retry_at INTEGER,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (target_id, chat_id, message_id, unique_id))""",
        "CREATE INDEX items_by_unique_id ON items (unique_id, status)",
        "CREATE INDEX items_by_path ON items (path)",
        "CREATE INDEX items_due ON items (target_id, chat_id, status, next_retry_at)",
        "CREATE INDEX items_by_status ON items (status, chat_id)",
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            command TEXT NOT NULL,
            sources TEXT NOT NULL,
            exit_code INTEGER,
            stats TEXT)""",
    }, new String[] {
        // rates learned from flood waits: the next run starts just under the limit instead of finding it again
        """
        CREATE TABLE learned_limits (
            key TEXT PRIMARY KEY,
            rate REAL NOT NULL,
            updated_at INTEGER NOT NULL)""",
        "CREATE INDEX chats_by_username ON chats (username COLLATE NOCASE)",
    });

    private final Connection connection;
    private final TimeSource clock;
    private final Path file;

    private Manifest(Connection connection, TimeSource clock, Path file) {
        this.connection = connection;
        this.clock = clock;
        this.file = file;
    }

    /**
     * Opens (creating if needed) and migrates the manifest.
     *
     * @throws ManifestException when the database cannot be opened or migrated
     */
    public static Manifest open(Path file, TimeSource clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA foreign_keys = ON");
            }
            Manifest manifest = new Manifest(c, clock, file);
            manifest.migrate();
            return manifest;
        } catch (SQLException | IOException e) {
            throw new ManifestException("cannot open the manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private void migrate() throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.next() ? r.getInt(1) : 0;
        }
        if (version > MIGRATIONS.size()) {
            throw new SQLException("the manifest was written by a newer tgdl (schema " + version + ")");
        }
        for (int v = version; v < MIGRATIONS.size(); v++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    long now() {
        return clock.now().toEpochMilli();
    }

    Connection connection() {
        return connection;
    }

    /**
     * The ledger of one download target: an output folder and a selection (types, extensions,
     * sizes). Scan progress is kept per target, so another selection scans its chats afresh.
     */
    public synchronized ManifestLedger ledger(Path outputRoot, String selection, RetryPolicy retries) {
        try {
            String root = outputRoot.toAbsolutePath().normalize().toString();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO targets (output_root, selection) VALUES (?, ?)")) {
                insert.setString(1, root);
                insert.setString(2, selection);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM targets WHERE output_root = ? AND selection = ?")) {
                select.setString(1, root);
                select.setString(2, selection);
                try (ResultSet r = select.executeQuery()) {
                    r.next();
                    return new ManifestLedger(this, r.getLong(1), root, retries);
                }
            }
        } catch (SQLException e) {
            throw failure("open the ledger of " + outputRoot, e);
        }
    }

    // ---------------------------------------------------------------- runs

    /** Records the start of a run; returns its id. */
    public synchronized long startRun(String command, List<String> sources) {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO runs (started_at, command, sources) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, now());
            s.setString(2, command);
            s.setString(3, String.join(" ", sources));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("record the run", e);
        }
    }

    /** Records the end of a run with its exit code and stats document. */
    public synchronized void finishRun(long runId, int exitCode, String statsJson) {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE runs SET finished_at = ?, exit_code = ?, stats = ? WHERE id = ?")) {
            s.setLong(1, now());
            s.setInt(2, exitCode);
            s.setString(3, statsJson);
            s.setLong(4, runId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the end of the run", e);
        }
    }

    /**
     * A past run.
     *
     * @param id         its number
     * @param startedAt  when it started
     * @param finishedAt when it finished (empty: it was killed, or still runs)
     * @param command    what ran
     * @param sources    its sources
     * @param exitCode   its exit code, if it finished
     * @param stats      its stats document (JSON), if it finished
     */
    public record Run(long id, Instant startedAt, Optional<Instant> finishedAt, String command, String sources,
                      Optional<Integer> exitCode, Optional<String> stats) {
    }

    /** The last {@code n} runs, newest first. */
    public synchronized List<Run> runs(int n) {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, started_at, finished_at, command, sources, exit_code, stats FROM runs ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, n);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long finished = r.getLong(3);
                    boolean done = !r.wasNull();
                    int code = r.getInt(6);
                    boolean hasCode = !r.wasNull();
                    runs.add(new Run(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)),
                            done ? Optional.of(Instant.ofEpochMilli(finished)) : Optional.empty(), r.getString(4),
                            r.getString(5), hasCode ? Optional.of(code) : Optional.empty(), Optional.ofNullable(r.getString(7))));
                }
            }
        } catch (SQLException e) {
            throw failure("read the runs", e);
        }
        return runs;
    }

    // ---------------------------------------------------------------- reports

    /**
     * The state of one chat's files.
     *
     * @param chatId       the chat
     * @param chat         its username or title
     * @param done         files in place
     * @param pending      files selected and not yet done (an interrupted run's)
     * @param retryDue     failed files due for a retry now
     * @param retryLater   failed files waiting for their retry time
     * @param failed       dead letters
     * @param skipped      duplicates of files archived elsewhere, and vanished messages
     * @param bytes        bytes of the files in place
     * @param nextRetryAt  the earliest retry time, if any waits
     * @param lastRunAt    when a run last read this chat
     */
    public record ChatStatus(long chatId, String chat, long done, long pending, long retryDue, long retryLater,
                             long failed, long skipped, long bytes, Optional<Instant> nextRetryAt,
                             Optional<Instant> lastRunAt) {
    }

    /** Per chat: done, pending, due retries, failed, bytes, last run. */
    public synchronized List<ChatStatus> status() {
        long now = now();
        List<ChatStatus> rows = new ArrayList<>();
        String sql = """
                SELECT c.chat_id, COALESCE(NULLIF(c.username, ''), c.title),
                       COUNT(CASE WHEN i.status = 'done' THEN 1 END),
                       COUNT(CASE WHEN i.status = 'pending' THEN 1 END),
                       COUNT(CASE WHEN i.status = 'retry' AND i.next_retry_at <= ? THEN 1 END),
                       COUNT(CASE WHEN i.status = 'retry' AND i.next_retry_at > ? THEN 1 END),
                       COUNT(CASE WHEN i.status = 'failed' THEN 1 END),
                       COUNT(CASE WHEN i.status = 'skipped' THEN 1 END),
                       COALESCE(SUM(CASE WHEN i.status = 'done' THEN i.size END), 0),
                       MIN(CASE WHEN i.status = 'retry' AND i.next_retry_at > ? THEN i.next_retry_at END),
                       c.last_run_at
                FROM chats c LEFT JOIN items i ON i.chat_id = c.chat_id
                GROUP BY c.chat_id ORDER BY 2""";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, now);
            s.setLong(2, now);
            s.setLong(3, now);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long next = r.getLong(10);
                    Optional<Instant> nextRetry = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
                    long last = r.getLong(11);
                    Optional<Instant> lastRun = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
                    rows.add(new ChatStatus(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), nextRetry, lastRun));
                }
            }
        } catch (SQLException e) {
            throw failure("read the status", e);
        }
        return rows;
    }

    /**
     * A dead letter: a file that failed {@code attempts} times, or could never succeed.
     *
     * @param chatId    its chat
     * @param chat      the chat's username or title
     * @param messageId its server message id
     * @param uniqueId  its unique id
     * @param type      media type
     * @param size      bytes
     * @param path      where it would have gone
     * @param attempts  failed attempts
     * @param error     the last error
     * @param failedAt  when it last failed
     */
    public record DeadLetter(long chatId, String chat, long messageId, String uniqueId, String type, long size,
                             String path, int attempts, String error, Instant failedAt) {
    }

    /** Every dead letter, oldest first. */
    public synchronized List<DeadLetter> failed() {
        List<DeadLetter> rows = new ArrayList<>();
        String sql = """
                SELECT i.chat_id, COALESCE(NULLIF(c.username, ''), c.title, ''), i.message_id, i.unique_id, i.type,
                       i.size, COALESCE(i.path, ''), i.attempts, COALESCE(i.last_error, ''), i.updated_at
                FROM items i LEFT JOIN chats c ON c.chat_id = i.chat_id
                WHERE i.status = 'failed' ORDER BY i.updated_at, i.id""";
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new DeadLetter(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5),
                        r.getLong(6), r.getString(7), r.getInt(8), r.getString(9), Instant.ofEpochMilli(r.getLong(10))));
            }
        } catch (SQLException e) {
            throw failure("read the dead letters", e);
        }
        return rows;
    }

    /**
     * Makes waiting retries due now; with {@code revive}, dead letters too (their attempts start over).
     *
     * @return how many files are now due
     */
    public synchronized int retryNow(boolean revive) {
        long now = now();
        int n = 0;
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement due = connection.prepareStatement(
                    "UPDATE items SET next_retry_at = ?, updated_at = ? WHERE status = 'retry'")) {
                due.setLong(1, now);
                due.setLong(2, now);
                n += due.executeUpdate();
            }
            if (revive) {
                try (PreparedStatement dead = connection.prepareStatement(
                        "UPDATE items SET status = 'retry', attempts = 0, next_retry_at = ?, updated_at = ? WHERE status = 'failed'")) {
                    dead.setLong(1, now);
                    dead.setLong(2, now);
                    n += dead.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw failure("schedule the retries", e);
        } finally {
            autoCommit();
        }
        return n;
    }

    void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the transaction is gone either way
        }
    }

    void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is broken; the next statement says so
        }
    }

    static ManifestException failure(String what, SQLException e) {
        return new ManifestException("the manifest could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to save (every change was committed as it happened)
        }
    }
}
