package dev.ibu.ports.fleet;

import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.ClusterRow;

import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;

import java.util.Objects;

/**
 * The ManifestWork the hub keeps in a spoke's namespace for one IBGU: the spoke's IBU with {@code ibuSpec} at the
 * stage {@code row.action()} asks for (plus, as TALM does, the ConfigMaps {@code oadpContent} and
 * {@code extraManifests} name and the seed pull secret, copied from the IBGU's namespace on the hub, and the
 * ClusterRole that lets the work agent manage the IBU), status feedback rules for the IBU's conditions, and the hub's
 * row for the spoke.
 */
public record SpokeWork(IbguRef ibgu, String cluster, ClusterRow row, Spec ibuSpec,
                        Map<String, String> ibuAnnotations) {
    public SpokeWork {
        Objects.requireNonNull(ibgu, "ibgu");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(ibuSpec, "ibuSpec");
        ibuAnnotations = ibuAnnotations == null ? TreeMap.empty() : ibuAnnotations;
    }

    /**
     * The work for {@code row}: the IBGU's {@code ibuSpec} at the stage the row's action asks for, and the IBGU's LCA
     * annotations on the IBU.
     */
    public static SpokeWork of(IbguRef ibgu, ClusterRow row, Spec ibgSpec, Map<String, String> ibuAnnotations) {
        return new SpokeWork(ibgu, row.name(), row, ibgSpec.withStage(stageFor(row.action())), ibuAnnotations);
    }

    /** Prep, Upgrade and Rollback ask for their stage; Abort, AbortOnFailure and the finalizes ask for Idle. */
    public static Stage stageFor(Action a) {
        switch (a) {
            case PREP:
                return Stage.PREP;
            case UPGRADE:
                return Stage.UPGRADE;
            case ROLLBACK:
                return Stage.ROLLBACK;
            default:
                return Stage.IDLE;
        }
    }
}
