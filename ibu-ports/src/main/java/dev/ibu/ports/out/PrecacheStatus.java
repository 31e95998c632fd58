package dev.ibu.ports.out;

import io.vavr.control.Option;

import java.util.Objects;

/** The precache job's state and, once it has written one, its progress. */
public record PrecacheStatus(JobState state, Option<PrecacheProgress> progress) {
    public PrecacheStatus {
        Objects.requireNonNull(state);
        progress = progress == null ? Option.none() : progress;
    }
}
