package dev.tgdl.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tgdl.config.ConfigException;
import dev.tgdl.download.MessageExport;
import dev.tgdl.telegram.MessageInfo;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --export FILE.jsonl} file: one JSON object a line, written to a hidden temporary file
 * beside the target ({@code .NAME.PID.tgdl-part}) and moved into place in one rename when the run
 * ends, so the target is either the previous file or this run's complete one. Lines come in the
 * order messages were settled, not by id.
 */
public final class ExportFile implements MessageExport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportFile.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path target;
    private final Path temp;
    private final Path output;
    private final BufferedWriter writer;
    private IOException failure;
    private boolean ended;
    private long lines;

    private ExportFile(Path target, Path temp, Path output, BufferedWriter writer) {
        this.target = target;
        this.temp = temp;
        this.output = output;
        this.writer = writer;
    }

    /**
     * Checks that {@code target} can be written, without creating anything.
     *
     * @param what how the user named it ({@code --export}, {@code jobs.NAME.export})
     * @return the absolute, normalized target
     * @throws ConfigException (exit 2) naming the path and the problem
     */
    public static Path check(Path target, String what) {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (file.getFileName() == null || dir == null) {
            throw new ConfigException(what + " " + target + ": not a file name");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(what + " " + file + ": is a directory, not a file");
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(what + " " + file + ": the directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException(what + " " + file + ": the directory " + dir + " is not writable");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new ConfigException(what + " " + file + ": the file exists and is not writable");
        }
        return file;
    }

    /**
     * Opens the temporary file beside {@code target}.
     *
     * @param output the output folder the {@code files} paths are relative to
     * @throws ConfigException (exit 2) when it cannot be created
     */
    public static ExportFile open(Path target, Path output, String what) {
        Path file = check(target, what);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tgdl-part");
        try {
            BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            return new ExportFile(file, temp, output, writer);
        } catch (AccessDeniedException e) {
            throw new ConfigException(what + " " + file + ": not writable (" + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new ConfigException(what + " " + file + ": the directory does not exist");
        } catch (IOException e) {
            throw new ConfigException(what + " " + file + ": cannot be written (" + e.getMessage() + ")");
        }
    }

    /** The file the export ends up in. */
    public Path target() {
        return target;
    }

    @Override
    public synchronized void write(MessageInfo m, List<Path> files) {
        if (ended || failure != null) {
            return;
        }
        try {
            writer.write(JSON.writeValueAsString(line(m, files)));
            writer.write('\n');
            lines++;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode message " + m.messageId(), e);
        } catch (IOException e) {
            failure = e; // the disk is full or gone: reported when the run ends, never half-committed
            LOG.warn("export {}: cannot write ({}); the file will not be replaced", target, e.getMessage());
        }
    }

    /** The line of one message, field names snake_case. */
    ObjectNode line(MessageInfo m, List<Path> files) {
        ObjectNode o = JSON.createObjectNode();
        o.put("chat_id", m.chatId());
        o.put("message_id", m.messageId());
        o.put("date", m.date().toString());
        o.put("text", m.text());
        ArrayNode entities = o.putArray("entities");
        for (MessageInfo.TextEntity e : m.entities()) {
            ObjectNode entity = entities.addObject().put("type", e.type()).put("offset", e.offset()).put("length", e.length());
            e.url().ifPresent(url -> entity.put("url", url));
        }
        if (m.sender().isPresent()) {
            o.putObject("sender").put(m.sender().get().user() ? "user_id" : "chat_id", m.sender().get().id());
        } else {
            o.putNull("sender");
        }
        o.put("views", m.views());
        o.put("forwards", m.forwards());
        if (m.replyToMessageId().isPresent()) {
            o.put("reply_to_message_id", m.replyToMessageId().getAsLong());
        } else {
            o.putNull("reply_to_message_id");
        }
        if (m.albumId() != 0) {
            o.put("album_id", Long.toUnsignedString(m.albumId()));
        } else {
            o.putNull("album_id");
        }
        if (m.mediaType().isPresent()) {
            o.put("media_type", m.mediaType().get().label());
        } else {
            o.putNull("media_type");
        }
        ArrayNode list = o.putArray("files");
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            list.add((abs.startsWith(output) ? output.relativize(abs) : abs).toString().replace(File.separatorChar, '/'));
        }
        return o;
    }

    /**
     * Ends the export: the temporary file replaces the target in one rename. A write that failed
     * leaves the target as it was.
     *
     * @throws UncheckedIOException when the file could not be completed or moved into place
     */
    public synchronized void commit() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            writer.close();
            if (failure != null) {
                throw failure;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("export: {} messages written to {}", lines, target);
        } catch (IOException e) {
            deleteTemp();
            throw new UncheckedIOException("export " + target + " not written: " + e.getMessage(), e);
        }
    }

    /** Gives the export up (the run failed): the temporary file is removed, the target untouched. */
    @Override
    public synchronized void close() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            writer.close();
        } catch (IOException e) {
            LOG.debug("closing {}", temp, e);
        }
        deleteTemp();
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.debug("deleting {}", temp, e);
        }
    }
}
