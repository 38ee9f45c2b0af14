package dev.tgdl.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The options every command shares, as given on the command line, plus the process environment.
 *
 * @param profile     --profile (else TGDL_PROFILE, else "default")
 * @param config      --config (else TGDL_CONFIG, else the XDG default)
 * @param simulate    --simulate: empty when not simulating; "" for the built-in scenario, else a YAML path
 * @param tdjson      --tdjson
 * @param traceTd     --trace-td (else TGDL_TRACE_TD)
 * @param proxy       --proxy
 * @param verbosity   -1 for -q, 0 normal, 1 for -v, 2 for -vv
 * @param environment the process environment
 */
public record GlobalOptions(Optional<String> profile, Optional<Path> config, Optional<String> simulate,
                            Optional<Path> tdjson, Optional<Path> traceTd, Optional<String> proxy, int verbosity,
                            Map<String, String> environment) {

    /** The profile name after the environment fallback. */
    public String profileName() {
        return profile.or(() -> Optional.ofNullable(environment.get("TGDL_PROFILE")).filter(s -> !s.isBlank()))
                .orElse("default");
    }

    public boolean simulated() {
        return simulate.isPresent();
    }
}
