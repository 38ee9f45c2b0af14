package dev.tgdl.pacing;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a run stopped before it ran out of work. */
public enum StopReason {
    /** The user pressed Ctrl-C. */
    INTERRUPTED("interrupted"),
    /** Telegram asked to wait longer than --flood-wait-cap. */
    FLOOD_WAIT_CAP("flood_wait_cap"),
    /** --max-duration was reached. */
    MAX_DURATION("max_duration");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    /** The name in the stats document. */
    @JsonValue
    public String label() {
        return label;
    }
}
