package dev.tgdl.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.DownloadStats;
import dev.tgdl.download.PolicyState;
import dev.tgdl.pacing.StopReason;
import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule from run reports to an exit code, and what the archive's summary says of a stop. */
class ExitCodeRuleTest {

    private static final PolicyState POLICY = new PolicyState(2, Duration.ZERO, 0, 0, 0, 0, 2, 16, Duration.ZERO);

    private static DownloadReport report(StopReason stopped, String detail) {
        return new DownloadStats(new ManualTimeSource()).report(POLICY, "adaptive", stopped, detail);
    }

    @Test
    void aRunThatRanOutOfWork_isOk_andNoRunAtAllIsToo() {
        assertThat(ExitCode.of(List.of(report(null, null)))).isEqualTo(ExitCode.OK);
        assertThat(ExitCode.of(List.of())).isEqualTo(ExitCode.OK);
    }

    @Test
    void anEarlyStop_isResumable_andAnInterruptAmongTheJobsDecides() {
        DownloadReport capped = report(StopReason.FLOOD_WAIT_CAP, "Telegram asked to wait 900 s, more than --flood-wait-cap 300 s");
        assertThat(ExitCode.of(List.of(report(null, null), capped))).isEqualTo(ExitCode.STOPPED_RESUMABLE);
        assertThat(ExitCode.of(List.of(report(StopReason.INTERRUPTED, "interrupted"), capped, report(null, null))))
                .isEqualTo(ExitCode.INTERRUPTED);
    }

    @Test
    void archiveSummary_saysTheCodeAndWhatStoppedAJob() {
        DownloadReport capped = report(StopReason.MAX_DURATION, "--max-duration reached");
        String text = Archives.summary(List.of(new Archives.JobReport("demo", capped)), 0, 0,
                ExitCode.of(List.of(capped)));

        assertThat(text.lines()).containsExactly("tgdl archive: exit 5",
                "demo: 0 new (0 B), 0 failed, stopped: --max-duration reached");
    }
}
