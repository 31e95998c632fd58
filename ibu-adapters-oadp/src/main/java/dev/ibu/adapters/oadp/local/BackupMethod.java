package dev.ibu.adapters.oadp.local;

import io.vavr.control.Either;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How an upgrade keeps its application state, chosen by the admin with an annotation on the ImageBasedUpgrade:
 * {@code lca.openshift.io/backup-method: oadp} (Velero and an object store) or {@code local} (the node's shared
 * container partition, no OADP, no S3). Without the annotation: OADP when its operator is installed, else local.
 */
public enum BackupMethod {
    OADP, LOCAL;

    public static final String ANNOTATION = "lca.openshift.io/backup-method";

    /** The method the annotations ask for; empty when they do not say; Left names the bad value and the fix. */
    public static Either<String, Optional<BackupMethod>> requested(Map<String, String> annotations) {
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null || value.isBlank()) {
            return Either.right(Optional.empty());
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "oadp" -> Either.right(Optional.of(OADP));
            case "local" -> Either.right(Optional.of(LOCAL));
            default -> Either.left("annotation " + ANNOTATION + " of ImageBasedUpgrade upgrade is \"" + value
                    + "\": set it to \"oadp\" or \"local\", or remove it (OADP when its operator is installed, else"
                    + " local)");
        };
    }
}
