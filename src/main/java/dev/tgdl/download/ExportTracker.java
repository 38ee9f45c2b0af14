package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MessageInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages of {@code --export} whose files are not settled yet, and only those: a message without
 * a file to fetch is written as the scan meets it, one with a file when that file's end is known.
 * What it holds is bounded by the scan's page and the fetch pool (queued and in flight), not by the
 * chat's length.
 */
final class ExportTracker {

    private record Key(long chatId, long messageId) {
    }

    private static final class Open {
        final MessageInfo info;
        final List<Path> files = new ArrayList<>(1);

        Open(MessageInfo info) {
            this.info = info;
        }
    }

    private final MessageExport out;
    private final Map<Key, Open> open = new ConcurrentHashMap<>();

    ExportTracker(MessageExport out) {
        this.out = out;
    }

    /** Whether messages are exported at all. */
    boolean enabled() {
        return out != MessageExport.NONE;
    }

    /**
     * The scan met a message of its range.
     *
     * @param awaitsFile it has a file whose end is still to come (it is written then)
     */
    void scanned(MessageInfo info, boolean awaitsFile) {
        if (!enabled()) {
            return;
        }
        if (awaitsFile) {
            open.putIfAbsent(new Key(info.chatId(), info.messageId()), new Open(info));
        } else {
            out.write(info, List.of());
        }
    }

    /** A file of the item's message is in the output folder at {@code file}. */
    void placed(MediaItem item, Path file) {
        Open o = open.get(key(item));
        if (o != null) {
            synchronized (o) {
                o.files.add(file);
            }
        }
    }

    /** The item's end is known: its message is written (once; later calls do nothing). */
    void settled(MediaItem item) {
        Open o = open.remove(key(item));
        if (o != null) {
            write(o);
        }
    }

    /** Writes every message still open (a source ended or the run stopped): with the files it has. */
    void flush() {
        for (Key k : List.copyOf(open.keySet())) {
            Open o = open.remove(k);
            if (o != null) {
                write(o);
            }
        }
    }

    private void write(Open o) {
        List<Path> files;
        synchronized (o) {
            files = List.copyOf(o.files);
        }
        out.write(o.info, files);
    }

    private static Key key(MediaItem item) {
        return new Key(item.chat().id(), item.messageId());
    }
}
