package dev.tgdl.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code tgdl download} as the user asked for it: each flag present or absent. {@link Downloads}
 * fills the absent ones from the configuration and checks everything before any work starts.
 */
public record DownloadRequest(List<String> sources, Optional<Path> output, Optional<String> template,
                              Optional<List<String>> types, Optional<List<String>> include,
                              Optional<List<String>> exclude, Optional<String> minSize, Optional<String> maxSize,
                              OptionalLong fromId, OptionalLong toId, Optional<String> since, Optional<String> until,
                              OptionalLong limit, Optional<Integer> workers, Optional<Integer> maxWorkers,
                              Optional<String> minDelay, Optional<String> maxDelay, boolean noAdaptive,
                              Optional<String> floodWaitCap, boolean dryRun, boolean join, boolean full,
                              boolean linkDuplicates, Optional<Duration> maxDuration) {

    /** A request for {@code sources} with every other flag absent. */
    public static DownloadRequest of(List<String> sources) {
        return new DownloadRequest(sources, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), false, false, false, false, Optional.empty());
    }
}
