package dev.ibu.agent.ops;

import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.adapters.oadp.VeleroKinds;
import dev.ibu.agent.StrictCluster;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** diagnose against the embedded API server and a temp ostree sysroot: what is in the bundle, and no secret. */
class DiagnoseCommandIT {
    /** Every secret value seeded below; none may appear in the bundle, plain or base64. */
    private static final java.util.List<String> SECRETS = java.util.List.of("AKIAFAKEKEY123", "SuperSecret42",
            "string-data-secret", "hunter2-embedded", "ZG9ja2VyLWF1dGgtc2VjcmV0", "dpa-env-secret",
            "bsl-aws-secret", "log-token-value", "log-pass-value", "bearer-token-xyz");

    @TempDir
    Path dir;
    private StrictCluster api;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        api = StrictCluster.start(getClass());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private int diagnose(String... args) {
        return new CommandLine(new DiagnoseCommand(new PrintWriter(out, true), new PrintWriter(err, true)))
                .execute(args);
    }

    @Test
    void bundles_the_ibu_events_configmaps_oadp_objects_logs_and_host_with_every_secret_redacted() throws Exception {
        Assumptions.assumeTrue(TempSysroot.ostreeAvailable(), "ostree is not installed");
        seedCluster();
        // canary: the values are really in the cluster, so their absence below is the redaction's doing
        assertThat(api.admin().getKubernetesSerialization().asYaml(api.admin()
                .genericKubernetesResources(VeleroKinds.BACKUP_STORAGE_LOCATION).inNamespace("openshift-adp").list()))
                .contains("bsl-aws-secret");
        TempSysroot sysroot = new TempSysroot(dir.resolve("host"));
        try {
            sysroot.deploy("rhcos_4.14.0");
            Path log = dir.resolve("agent.log");
            Files.writeString(log, "2026-01-01 INFO [upgrade-3] reconciled: Prep in progress\n"
                    + "2026-01-01 DEBUG login token=log-token-value {\"password\":\"log-pass-value\"}\n"
                    + "2026-01-01 DEBUG Authorization: Bearer bearer-token-xyz\n");
            Path bundle = dir.resolve("out/bundle.tar.gz");

            int code = diagnose("--kubeconfig=" + api.adminKubeconfig(dir.resolve("kubeconfig")),
                    "--output=" + bundle, "--log-file=" + log, "--sysroot=" + sysroot.path());

            assertThat(code).as(err.toString()).isZero();
            Map<String, String> files = TarGz.read(bundle);
            assertThat(files.keySet()).contains("ibu-diagnose/summary.txt", "ibu-diagnose/ibu/upgrade.yaml",
                    "ibu-diagnose/events/imagebasedupgrade.yaml", "ibu-diagnose/events/openshift-lifecycle-agent.yaml",
                    "ibu-diagnose/ibu/configmaps/openshift-adp/oadp-cm.yaml",
                    "ibu-diagnose/ibu/configmaps/openshift-lifecycle-agent/extra-cm.yaml",
                    "ibu-diagnose/oadp/backups.yaml", "ibu-diagnose/oadp/restores.yaml",
                    "ibu-diagnose/oadp/deletebackuprequests.yaml", "ibu-diagnose/oadp/backupstoragelocations.yaml",
                    "ibu-diagnose/oadp/dataprotectionapplications.yaml", "ibu-diagnose/oadp/secrets.yaml",
                    "ibu-diagnose/logs/agent.log", "ibu-diagnose/host/ostree-admin-status.txt",
                    "ibu-diagnose/host/stateroots.txt", "ibu-diagnose/host/precache.txt");
            String all = String.join("\n", files.values());
            for (String s : SECRETS) {
                assertThat(all).as("secret %s leaked", s).doesNotContain(s)
                        .doesNotContain(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(files.get("ibu-diagnose/ibu/upgrade.yaml")).contains("stage: Prep", "name: oadp-cm");
            assertThat(files.get("ibu-diagnose/ibu/configmaps/openshift-lifecycle-agent/extra-cm.yaml"))
                    .contains("name: pull", "REDACTED");
            assertThat(files.get("ibu-diagnose/events/imagebasedupgrade.yaml")).contains("PrepStarted");
            assertThat(files.get("ibu-diagnose/oadp/backups.yaml")).contains("name: acm-klusterlet", "Completed");
            assertThat(files.get("ibu-diagnose/oadp/backupstoragelocations.yaml")).contains("us-east-1");
            assertThat(files.get("ibu-diagnose/oadp/secrets.yaml")).contains("cloud-credentials", "cloud: REDACTED");
            assertThat(files.get("ibu-diagnose/logs/agent.log")).contains("reconciled: Prep in progress", "REDACTED");
            assertThat(files.get("ibu-diagnose/host/stateroots.txt")).contains("rhcos_4.14.0");
            assertThat(files.get("ibu-diagnose/host/ostree-admin-status.txt")).contains("rhcos_4.14.0");
            assertThat(out.toString()).contains("wrote " + bundle);
        } finally {
            sysroot.makeDeletable();
        }
    }

    @Test
    void an_unreachable_part_is_a_note_in_the_summary_and_the_rest_is_still_written() throws Exception {
        Path bundle = dir.resolve("b.tar.gz");

        int code = diagnose("--kubeconfig=" + api.adminKubeconfig(dir.resolve("kubeconfig")), "--output=" + bundle,
                "--log-file=" + dir.resolve("missing.log"));

        assertThat(code).isZero();
        String summary = TarGz.read(bundle).get("ibu-diagnose/summary.txt");
        assertThat(summary).contains("ImageBasedUpgrade upgrade: not found", "--log-file " + dir.resolve("missing.log"),
                "host (ostree status, stateroots, precache): not collected");
    }

    @Test
    void both_host_and_sysroot_is_a_usage_error_naming_the_options() {
        int code = diagnose("--no-cluster", "--host=" + dir, "--sysroot=" + dir, "--output=" + dir.resolve("x.tgz"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--host and --sysroot both given");
        assertThat(dir.resolve("x.tgz")).doesNotExist();
    }

    private void seedCluster() {
        var client = api.admin();
        IbuResourceAdapter resource = new IbuResourceAdapter(client);
        Spec spec = new Spec(Stage.PREP, new SeedImageRef("4.15.2", "quay.io/example/seed:4.15.2", Option.none()),
                List.of(new ConfigMapRef("oadp-cm", "openshift-adp")),
                List.of(new ConfigMapRef("extra-cm", "openshift-lifecycle-agent")), Option.none());
        resource.create(ImageBasedUpgrade.fresh().withSpec(spec)).get();
        client.v1().events().inNamespace("default").resource(new EventBuilder().withNewMetadata()
                .withName("upgrade.1").withNamespace("default").endMetadata().withNewInvolvedObject()
                .withKind("ImageBasedUpgrade").withName("upgrade").endInvolvedObject().withReason("PrepStarted")
                .withMessage("Prep started").build()).create();
        client.v1().events().inNamespace("openshift-lifecycle-agent").resource(new EventBuilder().withNewMetadata()
                .withName("agent.1").withNamespace("openshift-lifecycle-agent").endMetadata().withReason("Started")
                .build()).create();
        client.secrets().inNamespace("openshift-adp").resource(new SecretBuilder().withNewMetadata()
                .withName("cloud-credentials").withNamespace("openshift-adp").endMetadata()
                .addToData("cloud", b64("[default]\naws_access_key_id=AKIAFAKEKEY123\naws_secret_access_key="
                        + "SuperSecret42\n"))
                .addToStringData("extra", "string-data-secret").build()).create();
        client.configMaps().inNamespace("openshift-adp").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("oadp-cm").withNamespace("openshift-adp").endMetadata()
                .addToData("backup.yaml", "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: acm\n")
                .build()).create();
        client.configMaps().inNamespace("openshift-lifecycle-agent").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("extra-cm").withNamespace("openshift-lifecycle-agent").endMetadata()
                .addToData("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: "
                        + "kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ZG9ja2VyLWF1dGgtc2VjcmV0\n"
                        + "stringData:\n  password: hunter2-embedded\n")
                .build()).create();
        create(VeleroKinds.BACKUP, "acm-klusterlet", Map.of("status", Map.of("phase", "Completed")));
        create(VeleroKinds.BACKUP_STORAGE_LOCATION, "dataprotectionapplication-1", Map.of("spec", Map.of("provider",
                "aws", "objectStorage", Map.of("bucket", "ibu-backups"), "config",
                Map.of("region", "us-east-1", "awsSecretKey", "bsl-aws-secret"), "credential",
                Map.of("name", "cloud-credentials", "key", "cloud"))));
        create(VeleroKinds.DPA, "dpa", Map.of("spec", Map.of("configuration", Map.of("velero", Map.of("podConfig",
                Map.of("env", java.util.List.of(Map.of("name", "AWS_SECRET_ACCESS_KEY", "value",
                        "dpa-env-secret"))))))));
    }

    private void create(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind, String name,
            Map<String, Object> body) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion(VeleroKinds.apiVersion(kind))
                .withKind(kind.getKind()).withNewMetadata().withName(name).withNamespace("openshift-adp").endMetadata()
                .build();
        body.forEach(r::setAdditionalProperty);
        api.admin().genericKubernetesResources(kind).inNamespace("openshift-adp").resource(r).create();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
