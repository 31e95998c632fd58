package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * After the pivot: recreates the exported Secrets and DataProtectionApplication when they are missing (upstream
 * does this in {@code lca-cli post-pivot}), then waits until OADP is usable: the DPA {@code Reconciled} and every
 * BackupStorageLocation {@code Available}. A DPA that cannot be created ends the upgrade (auto-rollback).
 */
final class OadpConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(OadpConfiguration.class);
    private final OadpCluster cluster;

    OadpConfiguration(OadpCluster cluster) {
        this.cluster = cluster;
    }

    /** Right(empty) when usable; Right(reason) while waiting for OADP to settle. */
    Either<PortFailure, Optional<String>> ensure(ExportedOadp exported) {
        for (String yaml : exported.secretYamls()) {
            Either<PortFailure, Void> secret = ensureSecret(yaml);
            if (secret.isLeft()) {
                return Either.left(secret.getLeft());
            }
        }
        if (exported.dpaYaml().isEmpty()) {
            return Either.right(Optional.empty());
        }
        GenericKubernetesResource dpa = VeleroResources.fromYaml(exported.dpaYaml().get());
        String name = dpa.getMetadata().getName();
        Either<ApiError, Optional<GenericKubernetesResource>> live = cluster.get(VeleroKinds.DPA, OadpNames.OADP_NAMESPACE, name);
        if (live.isLeft() && !live.getLeft().notFound()) {
            return Either.left(PortFailure.transientFailure("failed to get DataProtectionApplication " + name + ": " + live.getLeft()));
        }
        if (live.isLeft() || live.get().isEmpty()) {
            dpa.getAdditionalProperties().remove("status");
            dpa.getMetadata().setNamespace(OadpNames.OADP_NAMESPACE);
            Either<ApiError, GenericKubernetesResource> created = cluster.create(VeleroKinds.DPA, dpa);
            if (created.isLeft() && !created.getLeft().alreadyExists()) {
                // 404 here means the DPA kind is gone: the OADP operator is not installed in the new release
                return Either.left(created.getLeft().code() >= 500
                        ? PortFailure.transientFailure("failed to create DataProtectionApplication " + name + ": " + created.getLeft())
                        : PortFailure.terminal("DataProtectionApplication " + name + " is not found: " + created.getLeft()
                        + ". Install the OADP operator in " + OadpNames.OADP_NAMESPACE + " in the seed's release"));
            }
            LOG.info("recreated DataProtectionApplication {}", name);
            return Either.right(Optional.of("Waiting for DataProtectionApplication " + name + " to be reconciled"));
        }
        if (!reconciled(live.get().get())) {
            return Either.right(Optional.of("Waiting for DataProtectionApplication " + name + " to be reconciled"));
        }
        return Either.right(BackupStorage.unavailable(cluster));
    }

    private Either<PortFailure, Void> ensureSecret(String yaml) {
        Secret wanted = cluster.client().getKubernetesSerialization().unmarshal(yaml, Secret.class);
        String name = wanted.getMetadata().getName();
        var secrets = cluster.client().secrets().inNamespace(OadpNames.OADP_NAMESPACE);
        Either<ApiError, Void> done = ApiError.call(() -> {
            Secret live = secrets.withName(name).get();
            if (live == null) {
                wanted.getMetadata().setNamespace(OadpNames.OADP_NAMESPACE);
                secrets.resource(wanted).create();
                LOG.info("recreated Secret {}/{}", OadpNames.OADP_NAMESPACE, name);
            } else if (!Objects.equals(live.getData(), wanted.getData())) {
                live.setData(wanted.getData());
                secrets.resource(live).update();
                LOG.info("updated Secret {}/{}", OadpNames.OADP_NAMESPACE, name);
            }
            return null;
        });
        return done.mapLeft(e -> PortFailure.transientFailure("failed to recreate OADP secret " + name + ": " + e));
    }

    static boolean reconciled(GenericKubernetesResource dpa) {
        Object conditions = VeleroResources.status(dpa).get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return false;
        }
        return list.stream().map(VeleroCr::map)
                .anyMatch(c -> "Reconciled".equals(c.get("type")) && "True".equals(c.get("status")));
    }
}
