package dev.ibu.adapters.oadp;

import java.util.List;
import java.util.Objects;

/** Where the deletion of a set of Backups through DeleteBackupRequests stands after one look. */
public sealed interface DeletionProgress {
    record Done() implements DeletionProgress {
    }

    /** Velero has not finished; {@code backups} are {@code namespace/name}. */
    record Waiting(List<String> backups) implements DeletionProgress {
        public Waiting {
            backups = List.copyOf(backups);
        }
    }

    /** Upstream's text after {@code failed to delete backups: }, e.g. {@code context deadline exceeded}. */
    record Failed(String reason) implements DeletionProgress {
        public Failed {
            Objects.requireNonNull(reason);
        }
    }

    /** The API could not be read or written; try again. */
    record Unreachable(String message) implements DeletionProgress {
        public Unreachable {
            Objects.requireNonNull(message);
        }
    }
}
