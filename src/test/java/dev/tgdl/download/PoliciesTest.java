package dev.tgdl.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgdl.bench.Policy;
import dev.tgdl.pacing.Jitter;
import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The registry of policies, and the names a user gives them (config, command line, bench). */
class PoliciesTest {

    private final ManualTimeSource clock = new ManualTimeSource();
    private final Jitter jitter = Jitter.standard(new SplittableRandom(1));

    private static PolicySettings settings(String name) {
        return new PolicySettings(name, 3, 8, Duration.ofMillis(250), Duration.ofMillis(10), Duration.ofSeconds(60));
    }

    @Test
    void theNames_inTheOrderHelpListsThem() {
        assertThat(Policies.NAMES).containsExactly("adaptive", "design", "fixed");
    }

    @Test
    void check_acceptsANameInAnyCaseAndSpacing() {
        assertThat(Policies.check(" Adaptive ")).isEqualTo("adaptive");
        assertThat(Policies.check("DESIGN")).isEqualTo("design");
        assertThat(Policies.check("fixed")).isEqualTo("fixed");
    }

    @Test
    void check_rejectsAnUnknownName_namingTheAcceptedOnes() {
        assertThatThrownBy(() -> Policies.check("turbo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown download policy 'turbo': use adaptive, design, fixed");
        assertThatThrownBy(() -> Policies.check(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use adaptive, design, fixed");
        assertThatThrownBy(() -> Policies.check("fixed-4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settings_withAnUnknownPolicy_areRejected() {
        assertThatThrownBy(() -> settings("turbo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown download policy 'turbo'");
    }

    @Test
    void create_makesThePolicyNamed() {
        DownloadPolicy adaptive = Policies.create(settings("adaptive"), clock, jitter, Policies.Start.FRESH);
        assertThat(adaptive).isInstanceOf(AdaptivePolicy.class);
        assertThat(adaptive.maxFiles()).isEqualTo(8);

        DownloadPolicy design = Policies.create(settings("Design"), clock, jitter, Policies.Start.FRESH);
        assertThat(design).isInstanceOf(DesignPolicy.class);
        assertThat(design.name()).isEqualTo("design");
        assertThat(design.maxFiles()).isEqualTo(3);

        DownloadPolicy fixed = Policies.create(settings("fixed"), clock, jitter, Policies.Start.FRESH);
        assertThat(fixed).isInstanceOf(FixedPolicy.class);
        assertThat(fixed.name()).isEqualTo("fixed-3");
        assertThat(fixed.maxFiles()).isEqualTo(3);
        assertThat(fixed.state().delay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theDefaults_areAdaptive() {
        assertThat(Policies.create(PolicySettings.defaults(), clock, jitter, Policies.Start.FRESH).name()).isEqualTo("adaptive");
    }

    // ------------------------------------------------------------------ names a user gives (tgdl bench --policy)

    @Test
    void parse_adaptiveAndDesign_areThePresetPolicies() {
        assertThat(Policy.parse("adaptive")).isEqualTo(Policy.ADAPTIVE);
        assertThat(Policy.parse(" Design ")).isEqualTo(Policy.DESIGN);
    }

    @Test
    void parse_fixedDashN_isNFilesWithNoDelay() {
        Policy p = Policy.parse("fixed-4");
        assertThat(p.name()).isEqualTo("fixed-4");
        assertThat(p.settings()).containsEntry("policy", "fixed").containsEntry("workers", "4")
                .containsEntry("max_workers", "4").containsEntry("initial_delay", "0ms");
    }

    @Test
    void parse_fixedColonNColonDelay_isNFilesThatDelayApart() {
        Policy p = Policy.parse("fixed:4:0.5s");
        assertThat(p.name()).isEqualTo("fixed:4:0.5s");
        assertThat(p.settings()).containsEntry("policy", "fixed").containsEntry("workers", "4")
                .containsEntry("max_workers", "4").containsEntry("initial_delay", "500ms");
        assertThat(Policy.parse("fixed:2").settings()).containsEntry("workers", "2").containsEntry("initial_delay", "0ms");
    }

    @Test
    void parse_adaptiveColonMax_boundsTheFilesInFlight() {
        Policy p = Policy.parse("adaptive:6");
        assertThat(p.name()).isEqualTo("adaptive:6");
        assertThat(p.settings()).containsEntry("policy", "adaptive").containsEntry("max_workers", "6").hasSize(2);
    }

    @Test
    void parse_anUnknownName_namesTheFormsAndPolicies() {
        assertThatThrownBy(() -> Policy.parse("turbo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown policy 'turbo'")
                .hasMessageContaining("fixed-N, fixed:N:DELAY or adaptive:MAX")
                .hasMessageContaining("[adaptive, design, fixed]");
        assertThatThrownBy(() -> Policy.parse("adaptive:2:8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown policy");
    }

    @Test
    void parse_aBadNumberOrDelay_saysWhichPolicyIsBad() {
        assertThatThrownBy(() -> Policy.parse("fixed:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad policy 'fixed:x'");
        assertThatThrownBy(() -> Policy.parse("fixed:2:soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad policy 'fixed:2:soon'");
        assertThatThrownBy(() -> Policy.parse("adaptive:many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad policy 'adaptive:many'");
    }
}
