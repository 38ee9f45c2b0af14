package dev.tgdl.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One tgdl per profile at a time. An OS file lock on {@code run.lock}, with the holder's PID and
 * command written inside for the message a second process prints. The OS drops the lock when its
 * holder dies, however it dies, so a lock left by a killed run is taken over without any guessing
 * about stale PIDs; the file's old contents are simply overwritten.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock at once or fails.
     *
     * @param file    the lock file (created if missing)
     * @param profile the profile's name, for the message
     * @param command what this process is doing, recorded for others to read
     * @throws ProfileBusyException naming the holder's PID when another process has it
     */
    public static RunLock acquire(Path file, String profile, String command) {
        FileChannel channel;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run lock " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (another run in-process)
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = readHolder(channel);
            close(channel);
            long pid = parsePid(holder);
            throw new ProfileBusyException("profile '" + profile + "' is in use by another tgdl (pid "
                    + (pid < 0 ? "unknown" : pid) + describe(holder) + "): wait for it to finish, or use --profile");
        }
        try {
            byte[] record = (ProcessHandle.current().pid() + "\n" + command + "\n" + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(record), 0);
            channel.force(false);
        } catch (IOException e) {
            // the lock holds even if the note for others cannot be written
        }
        return new RunLock(channel, lock);
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static long parsePid(String holder) {
        try {
            return Long.parseLong(holder.lines().findFirst().orElse("").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(String holder) {
        var lines = holder.lines().toList();
        if (lines.size() < 3) {
            return "";
        }
        return ", running '" + lines.get(1) + "' since " + lines.get(2);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held, nothing to release
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it anyway
        }
        close(channel);
    }
}
