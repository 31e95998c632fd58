package dev.ibu.adapters.oadp.local;

import dev.ibu.ports.contract.Polling;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole upgrade of {@link ShopApplication} through the local backup: Prep validation, backup, export, the pivot
 * (the API server wiped, the partition kept), restore wave by wave, and every object compared with what Velero's
 * default transforms make of the original. The expected objects are computed here, independently of
 * {@link RestoreTransforms}.
 */
class LocalBackupRoundTripIT {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private final LocalCluster cluster = LocalCluster.start();
    private final LocalBackupAdapter adapter = new LocalBackupAdapter(cluster.client(), cluster.settings(),
            () -> Either.right("4.16.3-1f2e3d4c"));

    private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = captureLogs();

    @AfterEach
    void close() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .detachAppender(logs);
        cluster.close();
    }

    private static ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captureLogs() {
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .addAppender(appender);
        return appender;
    }

    @Test
    void backs_up_wipes_restores_and_every_object_comes_back_as_velero_would_restore_it() throws Exception {
        ShopApplication.deploy(cluster.client());
        Map<String, Map<String, Object>> originals = new LinkedHashMap<>();

        Either<PortFailure, ManifestValidation> valid = adapter.validate(ShopApplication.content());
        assertThat(valid.isRight()).as("validation: %s", valid).isTrue();
        assertThat(adapter.backup(ShopApplication.content()).get()).isInstanceOf(WorkProgress.Done.class);
        for (String taken : ShopApplication.TAKEN) {
            // read after the backup: apply-label put lca.openshift.io/backup on two of them
            originals.put(taken, toMap(ShopApplication.get(cluster.client(), taken)));
        }
        ExportBundle bundle = adapter.export(ShopApplication.content()).get();

        Path dir = cluster.hostRoot().resolve("var/lib/containers/ibu-local-backup/4.16.3-1f2e3d4c");
        assertRootOnly(dir);
        assertThat(Files.readString(dir.resolve("backups/shop-apps/resources/secrets/namespaces/shop/web-tls.yaml")))
                .contains("c2VjcmV0LWtleS1uZXZlci1sb2dnZWQ=");
        assertThat(dir.resolve("backups/shop-cluster/resources/clusterroles.rbac.authorization.k8s.io/cluster/shop-reader.yaml"))
                .exists();
        assertThat(dir.resolve("backups/shop-cluster/resources/clusterroles.rbac.authorization.k8s.io/cluster/unrelated-reader.yaml"))
                .doesNotExist();
        assertThat(dir.resolve("backups/shop-apps/resources/configmaps/namespaces/other")).doesNotExist();

        cluster.wipe();
        for (String taken : ShopApplication.TAKEN) {
            assertThat(ShopApplication.get(cluster.client(), taken)).as(taken).isNull();
        }

        List<WorkProgress> seen = new ArrayList<>();
        Either<PortFailure, WorkProgress> restored = Polling.until(() -> {
            Either<PortFailure, WorkProgress> r = adapter.restore(bundle);
            r.forEach(seen::add);
            return r;
        }, r -> r.isLeft() || r.get() instanceof WorkProgress.Done, () -> { }, 10);

        assertThat(restored.isRight()).as("restore: %s", restored).isTrue();
        assertThat(seen).anyMatch(p -> p instanceof WorkProgress.Progressing pr
                && pr.message().equals("Restore of Application Data is in progress"));
        for (String taken : ShopApplication.TAKEN) {
            GenericKubernetesResource back = ShopApplication.get(cluster.client(), taken);
            assertThat(back).as(taken + " restored").isNotNull();
            assertThat(withoutServerFields(toMap(back))).as(taken)
                    .isEqualTo(expected(taken, originals.get(taken)));
        }
        assertThat(logs.list).isNotEmpty().noneMatch(e -> e.getFormattedMessage().contains("c2VjcmV0LWtleS1uZXZlci1sb2dnZWQ=")
                || e.getFormattedMessage().contains("secret-key-never-logged"));
        assertThat(ShopApplication.get(cluster.client(), "ClusterRole//unrelated-reader")).isNull();
        assertThat(ShopApplication.get(cluster.client(), "ConfigMap/other/not-mine")).isNull();
    }

    /** The oracle: Velero's restore of {@code original}, written out field by field for this application. */
    private static Map<String, Object> expected(String taken, Map<String, Object> original) {
        Map<String, Object> o = withoutServerFields(original);
        Map<String, Object> meta = map(o, "metadata");
        meta.remove("ownerReferences");
        meta.remove("generation");
        if (!taken.startsWith("Widget/")) {
            o.remove("status");
        }
        String backup = taken.startsWith("CustomResourceDefinition/") || taken.startsWith("ClusterRole/")
                ? "shop-cluster" : "shop-apps";
        Map<String, Object> labels = map(meta, "labels");
        labels.put("velero.io/backup-name", backup);
        labels.put("velero.io/restore-name", backup);
        if (taken.equals("Service/shop/web")) {
            Map<String, Object> spec = map(o, "spec");
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
            Map<String, Object> port = new LinkedHashMap<>(castMap(((List<?>) spec.get("ports")).get(0)));
            port.remove("nodePort");
            spec.put("ports", List.of(port));
        }
        if (taken.equals("PersistentVolume//pv-data")) {
            Map<String, Object> claimRef = map(map(o, "spec"), "claimRef");
            claimRef.remove("uid");
            claimRef.remove("resourceVersion");
            map(meta, "annotations").remove("pv.kubernetes.io/bound-by-controller");
        }
        if (taken.equals("PersistentVolumeClaim/shop/data")) {
            Map<String, Object> annotations = map(meta, "annotations");
            annotations.remove("pv.kubernetes.io/bind-completed");
            annotations.remove("pv.kubernetes.io/bound-by-controller");
        }
        return o;
    }

    private static Map<String, Object> withoutServerFields(Map<String, Object> object) {
        Map<String, Object> o = deepCopy(object);
        Map<String, Object> meta = map(o, "metadata");
        for (String f : List.of("uid", "resourceVersion", "creationTimestamp", "managedFields", "generation")) {
            meta.remove(f);
        }
        return o;
    }

    private static void assertRootOnly(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent()))).isEqualTo("rwx------");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(GenericKubernetesResource r) {
        return JSON.convertValue(r, LinkedHashMap.class);
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Map<String, Object> m = new LinkedHashMap<>(castMap(parent.get(key)));
        parent.put(key, m);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        return JSON.convertValue(m, LinkedHashMap.class);
    }
}
