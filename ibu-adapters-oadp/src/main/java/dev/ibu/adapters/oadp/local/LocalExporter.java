package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApplyWave;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.adapters.oadp.OadpContentReader;
import dev.ibu.adapters.oadp.VeleroCr;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;

import java.io.IOException;
import java.util.List;

/** The bundle for the new stateroot: the Restores by wave and the reference to this upgrade's backup directory. */
final class LocalExporter {
    private static final String RESTORES = "failed to export restores: ";

    private final LocalContent content;
    private final LocalStore store;

    LocalExporter(OadpCluster cluster, LocalStore store) {
        this.content = new LocalContent(cluster);
        this.store = store;
    }

    Either<PortFailure, ExportBundle> export(List<ConfigMapRef> refs, String upgrade) {
        Either<PortFailure, List<VeleroCr>> read = content.read(refs, RESTORES);
        if (read.isLeft()) {
            return Either.left(read.getLeft());
        }
        List<VeleroCr> restores = OadpContentReader.restores(read.get());
        for (VeleroCr r : restores) {
            Either<String, String> name = SafeName.segment("name of Restore " + r.ref(), r.name());
            if (name.isLeft()) {
                return Either.left(PortFailure.invalid(RESTORES + name.getLeft()));
            }
        }
        Either<String, List<List<VeleroCr>>> groups = ApplyWave.group(restores, VeleroCr::name, VeleroCr::annotations);
        if (groups.isLeft()) {
            return Either.left(PortFailure.invalid(RESTORES + groups.getLeft()));
        }
        try {
            ContainedDir root = store.open();
            String manifest = upgrade + "/" + LocalLayout.MANIFEST;
            if (!root.exists(manifest)) {
                return Either.left(PortFailure.terminal(RESTORES + "the local backup " + root.resolve(upgrade)
                        + " is not complete (no " + LocalLayout.MANIFEST + "); go back to Idle and start again"));
            }
            String sha = LocalLayout.sha256(root.read(manifest));
            return Either.right(new LocalBundle(upgrade, sha, groups.get()).toBundle());
        } catch (IOException e) {
            return Either.left(PortFailure.terminal(RESTORES + "cannot read the local backup under " + store.root()
                    + ": " + e.getMessage()));
        }
    }
}
