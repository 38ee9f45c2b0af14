package dev.tgdl.telegram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Telegram's server-side media filters ({@code searchMessagesFilter*}). Scanning with a filter costs
 * one call per 100 matching messages instead of one per 100 messages of any kind.
 */
public enum SearchFilter {
    PHOTO_AND_VIDEO("searchMessagesFilterPhotoAndVideo", EnumSet.of(MediaType.PHOTO, MediaType.VIDEO)),
    PHOTO("searchMessagesFilterPhoto", EnumSet.of(MediaType.PHOTO)),
    VIDEO("searchMessagesFilterVideo", EnumSet.of(MediaType.VIDEO)),
    DOCUMENT("searchMessagesFilterDocument", EnumSet.of(MediaType.DOCUMENT)),
    AUDIO("searchMessagesFilterAudio", EnumSet.of(MediaType.AUDIO)),
    ANIMATION("searchMessagesFilterAnimation", EnumSet.of(MediaType.ANIMATION)),
    VOICE_NOTE("searchMessagesFilterVoiceNote", EnumSet.of(MediaType.VOICE)),
    VIDEO_NOTE("searchMessagesFilterVideoNote", EnumSet.of(MediaType.VIDEO_NOTE)),
    VOICE_AND_VIDEO_NOTE("searchMessagesFilterVoiceAndVideoNote", EnumSet.of(MediaType.VOICE, MediaType.VIDEO_NOTE));

    private final String tdType;
    /** The media types the filter returns. */
    private final Set<MediaType> covers;

    SearchFilter(String tdType, Set<MediaType> covers) {
        this.tdType = tdType;
        this.covers = covers;
    }

    /** TDLib's class name of the filter. */
    public String tdType() {
        return tdType;
    }

    /**
     * The filters whose union is exactly {@code types}, if that takes at most two scans; empty when
     * a plain history scan is the better plan (stickers have no filter; many types are cheaper in one pass).
     */
    public static Optional<List<SearchFilter>> plan(Set<MediaType> types) {
        if (types.isEmpty() || types.contains(MediaType.STICKER)) {
            return Optional.empty();
        }
        EnumSet<MediaType> left = EnumSet.copyOf(types);
        List<SearchFilter> chosen = new ArrayList<>();
        // widest filters first, and only filters that return nothing unwanted
        List<SearchFilter> widestFirst = Arrays.stream(values())
                .sorted(Comparator.comparingInt((SearchFilter f) -> -f.covers.size())).toList();
        for (SearchFilter f : widestFirst) {
            if (types.containsAll(f.covers) && left.stream().anyMatch(f.covers::contains)) {
                chosen.add(f);
                left.removeAll(f.covers);
            }
        }
        if (!left.isEmpty() || chosen.size() > 2) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(chosen));
    }
}
