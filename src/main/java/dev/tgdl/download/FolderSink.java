package dev.tgdl.download;

import dev.tgdl.naming.OutputPaths;
import dev.tgdl.naming.PathTemplate;
import dev.tgdl.naming.TemplateValues;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MessageThread;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files laid out under an output folder by a {@link PathTemplate}.
 *
 * <p>A file appears under its final name only complete: TDLib's finished copy is hard-linked to the
 * final name (atomic, and it never replaces an existing file) and then unlinked, which is a rename
 * that cannot clobber; across file systems it is copied to a hidden {@code .tgdl-part} file beside
 * the target, forced to disk, and renamed into place. The file's modification time is the message's
 * date. Two different files that would get one name both survive: the second gets a deterministic
 * suffix from its unique id.
 */
public final class FolderSink implements FileSink {

    /** The end of the name of the folder a post's comments go in, after the post's id. */
    public static final String COMMENTS_SUFFIX = "_comments";

    private static final int MAX_DISAMBIGUATIONS = 3;

    private final Path root;
    private final PathTemplate template;
    private final ZoneId zone;
    private final Ledger ledger;
    private final Map<Path, String> reserved = new ConcurrentHashMap<>();

    public FolderSink(Path root, PathTemplate template, ZoneId zone, Ledger ledger) {
        this.root = root.toAbsolutePath().normalize();
        this.template = template;
        this.zone = zone;
        this.ledger = ledger;
    }

    /**
     * The template's values for an item. A comment is named for the channel of its post ({@code {chat}},
     * {@code {chat_id}}), with its own message id in the discussion group.
     */
    public TemplateValues values(MediaItem item) {
        Chat chat = item.thread() instanceof MessageThread.Comment(Chat channel, _) ? channel : item.chat();
        long topicId = item.thread() instanceof MessageThread.Topic(long id, _) ? id : 0;
        String topic = item.thread() instanceof MessageThread.Topic(_, String name) ? name : "";
        return new TemplateValues(chat.displayName(), chat.id(), item.messageId(), item.date(), zone,
                item.type().label(), item.fileName(), item.mimeType(), item.albumId(), item.file().uniqueId(), topicId,
                topic);
    }

    /**
     * Where an item goes below the output folder: the template's path; for a comment of a channel post, the
     * template's path with a folder {@code <post id>_comments} before its last component, so comments sit
     * beside their post (with the default template, {@code chat/12_comments/345_photo.jpg} beside
     * {@code chat/12_photo.jpg}).
     */
    public Path relativePath(MediaItem item) {
        Path path = template.render(values(item));
        if (item.thread() instanceof MessageThread.Comment(_, long postId)) {
            String folder = postId + COMMENTS_SUFFIX;
            Path parent = path.getParent();
            return parent == null ? Path.of(folder).resolve(path) : parent.resolve(folder).resolve(path.getFileName());
        }
        return path;
    }

    @Override
    public Placement place(MediaItem item) throws IOException {
        String uniqueId = item.file().uniqueId();
        Path target = OutputPaths.resolveInside(root, relativePath(item));
        for (int attempt = 0; attempt <= MAX_DISAMBIGUATIONS; attempt++) {
            String holder = reserved.putIfAbsent(target, uniqueId);
            if (holder != null && !holder.equals(uniqueId)) {
                target = OutputPaths.disambiguate(target, uniqueId + "#" + attempt);
                continue;
            }
            if (!Files.exists(target)) {
                return new Placement(target, false);
            }
            boolean ours = !ledger.pathBelongsToOther(target, uniqueId);
            long size = item.file().size();
            if (ours && size > 0 && Files.isRegularFile(target) && Files.size(target) == size) {
                return new Placement(target, true);
            }
            if (ledger.isRecordedAt(target, uniqueId) && Files.isRegularFile(target)) {
                // this item's own file, damaged since: the new copy takes its place
                return new Placement(target, false, true);
            }
            // another file has this name (or something that is not this file): keep both
            reserved.remove(target, uniqueId);
            target = attempt == 0 ? OutputPaths.disambiguate(target, uniqueId)
                    : OutputPaths.disambiguate(target, uniqueId + "#" + attempt);
        }
        throw new IOException("no free name for " + item.describe() + " near " + target);
    }

    @Override
    public Path commit(MediaItem item, Placement placement, Path downloaded) throws IOException {
        Path target = placement.target();
        try {
            Files.createDirectories(target.getParent());
            // the folders exist now: check again that no link among them leads out of the output folder
            OutputPaths.resolveInside(root, root.relativize(target));
            moveIntoPlace(downloaded, target, placement.replace());
            Files.setLastModifiedTime(target, FileTime.from(item.date()));
            return target;
        } finally {
            reserved.remove(target, item.file().uniqueId());
        }
    }

    private static void moveIntoPlace(Path source, Path target, boolean replace) throws IOException {
        if (!replace) {
            try {
                Files.createLink(target, source);
                Files.deleteIfExists(source);
                return;
            } catch (FileAlreadyExistsException e) {
                throw new IOException(target + " appeared while the file was downloading; it was left alone", e);
            } catch (UnsupportedOperationException | FileSystemException e) {
                // another file system, or one without hard links: copy below
            }
        }
        Path part = target.resolveSibling("." + target.getFileName() + ".tgdl-part");
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        if (!replace && Files.exists(target)) {
            Files.deleteIfExists(part);
            throw new IOException(target + " appeared while the file was downloading; it was left alone");
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(source);
    }

    /**
     * Places a copy of an archived file for a duplicate item: a hard link to it where the file
     * system allows, a copy otherwise.
     */
    @Override
    public Path link(MediaItem item, Placement placement, Path existing) throws IOException {
        Path target = placement.target();
        try {
            Files.createDirectories(target.getParent());
            OutputPaths.resolveInside(root, root.relativize(target));
            try {
                Files.createLink(target, existing);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
                Path part = target.resolveSibling("." + target.getFileName() + ".tgdl-part");
                Files.copy(existing, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                Files.setLastModifiedTime(target, FileTime.from(item.date()));
            }
            return target;
        } finally {
            reserved.remove(target, item.file().uniqueId());
        }
    }

    @Override
    public void release(Placement placement) {
        reserved.remove(placement.target());
    }
}
