package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import dev.ibu.adapters.oadp.ApplyLabelTarget;
import dev.ibu.adapters.oadp.LvmsReclaimPolicy;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.adapters.oadp.OadpNames;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finalize/abort: removes the apply-label labels the backups put (best effort, as upstream), deletes every upgrade
 * directory under the backup root and the root itself, and switches LVM Storage volumes back to {@code Delete}. What
 * cannot be deleted is named, with the fix; the manual-cleanup-done annotation runs this again.
 */
final class LocalCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCleanup.class);

    private final OadpCluster cluster;
    private final LocalStore store;
    private final LvmsReclaimPolicy reclaim;

    LocalCleanup(OadpCluster cluster, LocalStore store, LvmsReclaimPolicy reclaim) {
        this.cluster = cluster;
        this.store = store;
        this.reclaim = reclaim;
    }

    Either<PortFailure, WorkProgress> step() {
        List<String> left = new ArrayList<>();
        if (store.exists()) {
            try {
                ContainedDir root = store.open();
                for (String child : root.children("")) {
                    if (!SafeName.isSafe(child)) {
                        left.add(root.root().resolve(child) + " (unexpected name)");
                        continue;
                    }
                    unlabel(root, child);
                    left.addAll(root.deleteTree(child));
                }
                if (left.isEmpty()) {
                    Files.deleteIfExists(root.root());
                }
            } catch (IOException e) {
                left.add(store.root() + " (" + e.getMessage() + ")");
            }
        }
        if (!left.isEmpty()) {
            return Either.left(PortFailure.terminal("failed to delete the local backup, left: " + String.join(", ", left)
                    + ". Remove them by hand (rm -rf " + store.root() + " on the node), then set annotation "
                    + OadpNames.MANUAL_CLEANUP_DONE + " on the ImageBasedUpgrade to retry"));
        }
        Either<String, Integer> restored = reclaim.restore();
        if (restored.isLeft()) {
            return Either.left(PortFailure.transientFailure(restored.getLeft()));
        }
        return Either.right(new WorkProgress.Done());
    }

    private void unlabel(ContainedDir root, String upgrade) {
        try {
            if (!root.exists(upgrade + "/backups")) {
                return;
            }
            for (String backup : root.children(upgrade + "/backups")) {
                String cr = upgrade + "/" + LocalLayout.backupCr(backup);
                if (!SafeName.isSafe(backup) || !root.exists(cr)) {
                    continue;
                }
                Map<String, Object> doc = Documents.readYaml(root.read(cr));
                Map<String, String> annotations = Documents.strings(Documents.map(doc.get("metadata")).get("annotations"));
                for (ApplyLabelTarget t : ApplyLabelTarget.parse(annotations).getOrElse(List.of())) {
                    Either<ApiError, Void> r = LocalContent.unlabel(cluster, t);
                    r.orElseRun(e -> LOG.warn("failed to remove backup label from {}/{} {}: {}", t.namespace(), t.name(),
                            t.resource(), e));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not read the Backups of {} to remove their labels: {}", upgrade, e.toString());
        }
    }
}
