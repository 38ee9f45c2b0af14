package dev.tgdl.archive;

import dev.tgdl.download.Ledger;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The {@link Ledger} of one download target (an output folder and a selection), kept in the
 * {@link Manifest}. Each call is one transaction; a row says {@code done} only after the engine
 * reported the file in place.
 */
public final class ManifestLedger implements Ledger {

    private final Manifest manifest;
    private final long target;
    private final String outputRoot;
    private final RetryPolicy retries;

    ManifestLedger(Manifest manifest, long target, String outputRoot, RetryPolicy retries) {
        this.manifest = manifest;
        this.target = target;
        this.outputRoot = outputRoot;
        this.retries = retries;
    }

    private Connection db() {
        return manifest.connection();
    }

    @Override
    public void resolved(Chat chat) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement("""
                    INSERT INTO chats (chat_id, username, title, last_run_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (chat_id) DO UPDATE SET username = excluded.username, title = excluded.title,
                        last_run_at = excluded.last_run_at""")) {
                s.setLong(1, chat.id());
                s.setString(2, chat.username().orElse(""));
                s.setString(3, chat.title());
                s.setLong(4, manifest.now());
                s.executeUpdate();
            } catch (SQLException e) {
                throw Manifest.failure("record chat " + chat.displayName(), e);
            }
        }
    }

    @Override
    public OptionalLong chatIdOf(String username) {
        if (username.isBlank()) {
            return OptionalLong.empty();
        }
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement(
                    "SELECT chat_id FROM chats WHERE username = ? COLLATE NOCASE ORDER BY last_run_at DESC LIMIT 1")) {
                s.setString(1, username);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
                }
            } catch (SQLException e) {
                throw Manifest.failure("look up @" + username, e);
            }
        }
    }

    @Override
    public OptionalDouble learnedRate(String key) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement("SELECT rate FROM learned_limits WHERE key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? OptionalDouble.of(r.getDouble(1)) : OptionalDouble.empty();
                }
            } catch (SQLException e) {
                throw Manifest.failure("read the learned rate " + key, e);
            }
        }
    }

    @Override
    public void learnedRate(String key, double rate) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement("""
                    INSERT INTO learned_limits (key, rate, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET rate = excluded.rate, updated_at = excluded.updated_at""")) {
                s.setString(1, key);
                s.setDouble(2, rate);
                s.setLong(3, manifest.now());
                s.executeUpdate();
            } catch (SQLException e) {
                throw Manifest.failure("record the learned rate " + key, e);
            }
        }
    }

    @Override
    public Optional<Done> done(MediaItem item) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement("""
                    SELECT path, size FROM items WHERE target_id = ? AND chat_id = ? AND message_id = ? AND unique_id = ?
                    AND status = 'done' AND path IS NOT NULL""")) {
                bindKey(s, item);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Done(Path.of(r.getString(1)), r.getLong(2))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw Manifest.failure("look up " + item.describe(), e);
            }
        }
    }

    @Override
    public Optional<Done> archivedCopy(String uniqueId) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement("""
                    SELECT i.path, i.size FROM items i JOIN targets t ON t.id = i.target_id
                    WHERE i.unique_id = ? AND i.status = 'done' AND i.path IS NOT NULL AND t.output_root = ?
                    ORDER BY i.id LIMIT 1""")) {
                s.setString(1, uniqueId);
                s.setString(2, outputRoot);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Done(Path.of(r.getString(1)), r.getLong(2))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw Manifest.failure("look up file " + uniqueId, e);
            }
        }
    }

    @Override
    public boolean pathBelongsToOther(Path path, String uniqueId) {
        return pathQuery("SELECT 1 FROM items WHERE path = ? AND unique_id <> ? AND status IN ('done', 'pending', 'retry') LIMIT 1",
                path, uniqueId);
    }

    @Override
    public boolean isRecordedAt(Path path, String uniqueId) {
        return pathQuery("SELECT 1 FROM items WHERE path = ? AND unique_id = ? LIMIT 1", path, uniqueId);
    }

    private boolean pathQuery(String sql, Path path, String uniqueId) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement(sql)) {
                s.setString(1, path.toString());
                s.setString(2, uniqueId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            } catch (SQLException e) {
                throw Manifest.failure("look up " + path, e);
            }
        }
    }

    @Override
    public ScanState scanState(Chat chat) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement(
                    "SELECT high_water_mark, checkpoint_top, checkpoint_reached FROM scans WHERE target_id = ? AND chat_id = ?")) {
                s.setLong(1, target);
                s.setLong(2, chat.id());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return ScanState.NONE;
                    }
                    long mark = r.getLong(1);
                    long top = r.getLong(2);
                    boolean hasTop = !r.wasNull();
                    long reached = r.getLong(3);
                    return new ScanState(mark, hasTop ? Optional.of(new Checkpoint(top, reached)) : Optional.empty());
                }
            } catch (SQLException e) {
                throw Manifest.failure("read the scan state of " + chat.displayName(), e);
            }
        }
    }

    @Override
    public void scanProgress(Chat chat, long top, long reached) {
        upsertScan(chat, null, top, reached);
    }

    @Override
    public void scanned(Chat chat, long top) {
        upsertScan(chat, top, null, null);
    }

    private void upsertScan(Chat chat, Long mark, Long top, Long reached) {
        synchronized (manifest) {
            String sql = mark != null
                    ? """
                    INSERT INTO scans (target_id, chat_id, high_water_mark, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (target_id, chat_id) DO UPDATE SET high_water_mark = MAX(high_water_mark, excluded.high_water_mark),
                        checkpoint_top = NULL, checkpoint_reached = NULL, updated_at = excluded.updated_at"""
                    : """
                    INSERT INTO scans (target_id, chat_id, high_water_mark, checkpoint_top, checkpoint_reached, updated_at)
                    VALUES (?, ?, 0, ?, ?, ?)
                    ON CONFLICT (target_id, chat_id) DO UPDATE SET checkpoint_top = excluded.checkpoint_top,
                        checkpoint_reached = excluded.checkpoint_reached, updated_at = excluded.updated_at""";
            try (PreparedStatement s = db().prepareStatement(sql)) {
                s.setLong(1, target);
                s.setLong(2, chat.id());
                if (mark != null) {
                    s.setLong(3, mark);
                    s.setLong(4, manifest.now());
                } else {
                    s.setLong(3, top);
                    s.setLong(4, reached);
                    s.setLong(5, manifest.now());
                }
                s.executeUpdate();
            } catch (SQLException e) {
                throw Manifest.failure("record the scan of " + chat.displayName(), e);
            }
        }
    }

    @Override
    public long archivedBetween(Chat chat, long fromId, long toId) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement("""
                    SELECT COUNT(*) FROM items WHERE target_id = ? AND chat_id = ? AND message_id BETWEEN ? AND ?
                    AND status IN ('done', 'skipped')""")) {
                s.setLong(1, target);
                s.setLong(2, chat.id());
                s.setLong(3, fromId);
                s.setLong(4, toId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw Manifest.failure("count the archived files of " + chat.displayName(), e);
            }
        }
    }

    @Override
    public List<Due> due(Chat chat) {
        synchronized (manifest) {
            List<Due> due = new ArrayList<>();
            try (PreparedStatement s = db().prepareStatement("""
                    SELECT chat_id, message_id, unique_id FROM items
                    WHERE target_id = ? AND chat_id = ? AND (status = 'pending' OR (status = 'retry' AND next_retry_at <= ?))
                    ORDER BY message_id DESC""")) {
                s.setLong(1, target);
                s.setLong(2, chat.id());
                s.setLong(3, manifest.now());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(new Due(r.getLong(1), r.getLong(2), r.getString(3)));
                    }
                }
            } catch (SQLException e) {
                throw Manifest.failure("read the due files of " + chat.displayName(), e);
            }
            return due;
        }
    }

    @Override
    public void queued(MediaItem item, Path targetPath) {
        upsert(item, "pending", targetPath, null, null, false);
    }

    @Override
    public void downloaded(MediaItem item, Path path, long size) {
        upsert(item, "done", path, null, null, false);
    }

    @Override
    public void alreadyPresent(MediaItem item, Path path, long size) {
        upsert(item, "done", path, null, null, false);
    }

    @Override
    public void duplicate(MediaItem item, Path copy) {
        upsert(item, "skipped", copy, "same file as " + copy, null, false);
    }

    @Override
    public void failed(MediaItem item, String error, boolean permanent) {
        synchronized (manifest) {
            int attempts = attempts(item) + 1;
            Optional<Duration> delay = permanent ? Optional.empty() : retries.delayAfter(attempts);
            Long next = delay.map(d -> manifest.now() + d.toMillis()).orElse(null);
            upsert(item, delay.isPresent() ? "retry" : "failed", null, error, next, true);
        }
    }

    @Override
    public void vanished(Due due, String reason) {
        synchronized (manifest) {
            try (PreparedStatement s = db().prepareStatement("""
                    UPDATE items SET status = 'skipped', last_error = ?, next_retry_at = NULL, updated_at = ?
                    WHERE target_id = ? AND chat_id = ? AND message_id = ? AND unique_id = ?""")) {
                s.setString(1, reason);
                s.setLong(2, manifest.now());
                s.setLong(3, target);
                s.setLong(4, due.chatId());
                s.setLong(5, due.messageId());
                s.setString(6, due.uniqueId());
                s.executeUpdate();
            } catch (SQLException e) {
                throw Manifest.failure("record a vanished message", e);
            }
        }
    }

    private int attempts(MediaItem item) {
        try (PreparedStatement s = db().prepareStatement(
                "SELECT attempts FROM items WHERE target_id = ? AND chat_id = ? AND message_id = ? AND unique_id = ?")) {
            bindKey(s, item);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw Manifest.failure("read the attempts of " + item.describe(), e);
        }
    }

    /** One row's new state, in one statement (one transaction). */
    private void upsert(MediaItem item, String status, Path path, String error, Long nextRetryAt, boolean countAttempt) {
        synchronized (manifest) {
            long now = manifest.now();
            try (PreparedStatement s = db().prepareStatement("""
                    INSERT INTO items (target_id, chat_id, message_id, unique_id, type, size, file_name, path, status,
                                       attempts, next_retry_at, last_error, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (target_id, chat_id, message_id, unique_id) DO UPDATE SET
                        status = excluded.status,
                        path = COALESCE(excluded.path, items.path),
                        size = excluded.size,
                        attempts = CASE WHEN ? THEN items.attempts + 1 ELSE items.attempts END,
                        next_retry_at = excluded.next_retry_at,
                        last_error = excluded.last_error,
                        updated_at = excluded.updated_at""")) {
                bindKey(s, item);
                s.setString(5, item.type().label());
                s.setLong(6, item.file().size());
                s.setString(7, item.fileName().orElse(null));
                s.setString(8, path == null ? null : path.toString());
                s.setString(9, status);
                s.setInt(10, countAttempt ? 1 : 0);
                if (nextRetryAt == null) {
                    s.setNull(11, Types.INTEGER);
                } else {
                    s.setLong(11, nextRetryAt);
                }
                s.setString(12, error);
                s.setLong(13, now);
                s.setLong(14, now);
                s.setBoolean(15, countAttempt);
                s.executeUpdate();
            } catch (SQLException e) {
                throw Manifest.failure("record " + item.describe() + " as " + status, e);
            }
        }
    }

    private void bindKey(PreparedStatement s, MediaItem item) throws SQLException {
        s.setLong(1, target);
        s.setLong(2, item.chat().id());
        s.setLong(3, item.messageId());
        s.setString(4, item.file().uniqueId());
    }
}
