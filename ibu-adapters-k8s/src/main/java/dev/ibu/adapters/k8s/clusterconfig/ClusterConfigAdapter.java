package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.adapters.k8s.manifests.CarriedManifestsApply;
import dev.ibu.ports.out.ClusterConfigPort;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterConfigPort} on the API server (oadp-and-manifests.md §4, upstream {@code internal/clusterconfig}).
 * Logs say which files were gathered and how many keys, never a value.
 */
public final class ClusterConfigAdapter implements ClusterConfigPort {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfigAdapter.class);

    private final KubernetesClient client;

    public ClusterConfigAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Either<PortFailure, ClusterConfiguration> gather() {
        try {
            ClusterReader r = new ClusterReader(client);
            var seed = new SeedReconfigurationReader(r).read();
            CarriedManifests carried = new CarriedManifests(r);
            CertManagerExport.Export certManager = new CertManagerExport(r).read();
            LinkedHashMap<String, String> manifests = carried.mirrorLists().merge(carried.localVolumes())
                    .merge(certManager.manifests());
            LOG.info("gathered the cluster configuration: manifests {}, {} cert-manager keys",
                    manifests.keySet().toList().sorted(), certManager.keys().size());
            return Either.right(ClusterConfiguration.fromCluster(seed, new ExportBundle(manifests),
                    certManager.keys()));
        } catch (SourceFailure f) {
            return Either.left(f.failure);
        } catch (KubernetesClientException e) {
            return Either.left(dev.ibu.adapters.k8s.KubeFailures.from("the cluster configuration", e));
        }
    }

    @Override
    public Either<PortFailure, Void> apply(ExportBundle manifests) {
        return new CarriedManifestsApply(client).apply(manifests);
    }
}
