package dev.tgdl.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchFilterTest {

    @Test
    void photosAndVideos_useTheCombinedFilter() {
        assertThat(SearchFilter.plan(EnumSet.of(MediaType.PHOTO, MediaType.VIDEO)))
                .contains(List.of(SearchFilter.PHOTO_AND_VIDEO));
    }

    @Test
    void documentsAndAudio_takeTwoFilteredScans() {
        assertThat(SearchFilter.plan(EnumSet.of(MediaType.DOCUMENT, MediaType.AUDIO)))
                .contains(List.of(SearchFilter.DOCUMENT, SearchFilter.AUDIO));
    }

    @Test
    void voiceAndVideoNotes_useTheCombinedFilter() {
        assertThat(SearchFilter.plan(EnumSet.of(MediaType.VOICE, MediaType.VIDEO_NOTE)))
                .contains(List.of(SearchFilter.VOICE_AND_VIDEO_NOTE));
    }

    @Test
    void stickers_orManyTypes_scanTheHistory() {
        assertThat(SearchFilter.plan(EnumSet.of(MediaType.STICKER))).isEmpty();
        assertThat(SearchFilter.plan(EnumSet.allOf(MediaType.class))).isEmpty();
        assertThat(SearchFilter.plan(EnumSet.of(MediaType.PHOTO, MediaType.DOCUMENT, MediaType.AUDIO))).isEmpty();
    }

    @Test
    void photoAlone_neverUsesTheCombinedFilter_whichWouldAlsoReturnVideos() {
        assertThat(SearchFilter.plan(EnumSet.of(MediaType.PHOTO))).contains(List.of(SearchFilter.PHOTO));
    }
}
