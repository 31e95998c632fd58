package dev.ibu.ports.testkit;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.ExportBundle;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the in-memory host keeps in {@code /ostree/deploy/<stateroot>}: its {@code /var/lib/lca} and a little more. */
final class StaterootDir {
    Option<ImageBasedUpgrade> ibu = Option.none();
    final Map<String, ExportBundle> bundles = new LinkedHashMap<>();
    Option<AutoRollbackConfig> autoRollback = Option.none();
    /** What was saved under {@code /var/opt/openshift} before the pivot (until discarded after it). */
    Option<dev.ibu.ports.out.ClusterConfiguration> clusterConfig = Option.none();
    Option<Instant> kubeletExpiry = Option.none();
    /** The seed's containers list, what precache pulls for this stateroot. */
    List<String> seedImages = List.empty();
    /** The init monitor unit was stopped and deleted (it stays gone across reboots). */
    boolean initMonitorRemoved;
    /**
     * Records of the jobs run while this stateroot was booted: they live in its {@code /var} (as the host adapter
     * keeps them in {@code /var/tmp}), so after a boot into another stateroot they are not seen, and they go with
     * the stateroot.
     */
    final Map<String, SetupJob> setupJobs = new LinkedHashMap<>();
    PrecacheJob precache;
}
