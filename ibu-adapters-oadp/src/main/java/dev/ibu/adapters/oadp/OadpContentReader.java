package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the Backups and Restores of the {@code oadpContent} ConfigMaps (duplicate refs read once). */
public final class OadpContentReader {
    private final OadpCluster cluster;

    public OadpContentReader(OadpCluster cluster) {
        this.cluster = cluster;
    }

    /** Why the content could not be read; each caller words it as upstream does at that step. */
    public sealed interface Problem {
        /** The first missing ConfigMap, with Go's NotFound text. */
        record Missing(ConfigMapRef ref) implements Problem {
            public String apiText() {
                return "configmaps \"" + ref.name() + "\" not found";
            }
        }

        record Unreadable(ConfigMapRef ref, ApiError error) implements Problem {
        }

        record Undecodable(String message) implements Problem {
        }
    }

    /** Every Backup and Restore, in ConfigMap order then key order then document order. */
    public Either<Problem, List<VeleroCr>> read(List<ConfigMapRef> refs) {
        List<VeleroCr> all = new ArrayList<>();
        for (ConfigMapRef ref : new LinkedHashSet<>(refs)) {
            Either<ApiError, Optional<Map<String, String>>> data = cluster.configMapData(ref.namespace(), ref.name());
            if (data.isLeft()) {
                return Either.left(new Problem.Unreadable(ref, data.getLeft()));
            }
            if (data.get().isEmpty()) {
                return Either.left(new Problem.Missing(ref));
            }
            Either<String, List<VeleroCr>> decoded = OadpContentDecoder.decode(data.get().get());
            if (decoded.isLeft()) {
                return Either.left(new Problem.Undecodable(decoded.getLeft()));
            }
            all.addAll(decoded.get());
        }
        return Either.right(List.copyOf(all));
    }

    public static List<VeleroCr> backups(List<VeleroCr> content) {
        return content.stream().filter(VeleroCr::isBackup).toList();
    }

    public static List<VeleroCr> restores(List<VeleroCr> content) {
        return content.stream().filter(c -> !c.isBackup()).toList();
    }

    /** The upstream text for a missing ConfigMap, shared by Prep and Upgrade. */
    public static String missingText(Problem.Missing missing) {
        return "OADP configmap not found, error: failed to get configMap " + missing.apiText()
                + ". Please create the configmap.";
    }
}
