package dev.ibu.domain.fleet;

/** Ask spoke {@code cluster} to run {@code action} now (the hub writes its ManifestWork). */
public record Start(String cluster, Action action) {
}
