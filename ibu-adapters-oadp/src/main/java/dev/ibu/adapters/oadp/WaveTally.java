package dev.ibu.adapters.oadp;

import java.util.ArrayList;
import java.util.List;

/** Upstream's tracker for one wave: names by bucket, plus Restores whose Backup Velero has not synced yet. */
final class WaveTally {
    final List<String> succeeded = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    final List<String> pending = new ArrayList<>();
    final List<String> progressing = new ArrayList<>();
    final List<String> missingBackups = new ArrayList<>();

    void add(String name, PhaseBucket bucket) {
        switch (bucket) {
            case SUCCEEDED -> succeeded.add(name);
            case FAILED -> failed.add(name);
            case PENDING -> pending.add(name);
            case PROGRESSING -> progressing.add(name);
            default -> throw new IllegalStateException("unknown bucket " + bucket);
        }
    }

    boolean allSucceeded(int size) {
        return succeeded.size() == size;
    }
}
