package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the server: discovery, explain, Tables from the CRD's printer columns, watch, apply, dry-run. */
class KubectlIT {
    static final String IBU = "apiVersion: lca.openshift.io/v1\nkind: ImageBasedUpgrade\nmetadata:\n  name: upgrade\nspec:\n  stage: Idle\n";
    @TempDir
    Path dir;
    ApiServer server;
    Kubectl kubectl;

    @BeforeEach
    void start() {
        server = Fixtures.serverWithAgentRbac();
        kubectl = new Kubectl(server, Identity.admin(), dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void discovery_version_and_api_resources() {
        assertThat(kubectl.run("version").out()).contains("Server Version: v1.32.4");
        Kubectl.Result r = kubectl.run("api-resources");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("imagebasedupgrades\\s+ibu\\s+lca.openshift.io/v1\\s+false\\s+ImageBasedUpgrade");
        assertThat(r.out()).containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease");
    }

    @Test
    void explain_reads_the_crds_schema() {
        Kubectl.Result r = kubectl.run("explain", "ibu.spec");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("KIND:       ImageBasedUpgrade", "ImageBasedUpgradeSpec defines the desired state of ImageBasedUpgrade",
                "stage\t<string>", "enum: Idle, Prep, Rollback, Upgrade", "seedImageRef\t<Object>");
        assertThat(kubectl.run("explain", "ibu.spec.seedImageRef.image").out()).contains("full pull-spec of the seed container");
    }

    @Test
    void get_prints_the_crds_printer_columns_in_the_crds_order() {
        kubectl.runWithInput(IBU, "create", "-f", "-");
        Kubectl.Result r = kubectl.run("get", "ibu");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("NAME\\s+AGE\\s+DESIRED STAGE\\s+STATE\\s+DETAILS\\n").containsPattern("upgrade\\s+\\d+s\\s+Idle");
    }

    @Test
    void the_upstream_crd_puts_state_before_details(@TempDir Path other) {
        try (ApiServer upstream = ApiServer.builder().start()) {
            upstream.apply(Fixtures.UPSTREAM_CRD, "default");
            Kubectl k = new Kubectl(upstream, Identity.admin(), other);
            Kubectl.Result created = k.runWithInput(IBU, "create", "-f", "-");
            assertThat(created.exit()).as(created.err()).isZero();
            Kubectl.Result got = k.run("get", "ibu");
            assertThat(got.out()).as(got.err()).containsPattern("NAME\\s+AGE\\s+DESIRED STAGE\\s+STATE\\s+DETAILS\\n");
        }
    }

    @Test
    void get_w_follows_changes_until_stopped() {
        kubectl.runWithInput(IBU, "create", "-f", "-");
        CompletableFuture<Kubectl.Result> watch = CompletableFuture.supplyAsync(() -> kubectl.run(null, 20, "get", "ibu", "-w"));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.openWatches() > 0);
        Kubectl.Result patch = kubectl.run("patch", "ibu", "upgrade", "--type=merge", "-p", "{\"spec\":{\"stage\":\"Prep\"}}");
        assertThat(patch.out()).contains("imagebasedupgrade.lca.openshift.io/upgrade patched");
        Kubectl.Result r = watch.join();
        assertThat(r.out()).containsPattern("upgrade\\s+\\d+s\\s+Idle").containsPattern("upgrade\\s+\\d+s\\s+Prep");
    }

    @Test
    void status_patch_apply_dry_run_and_events() {
        kubectl.runWithInput(IBU, "create", "-f", "-");
        Kubectl.Result status = kubectl.run("patch", "ibu", "upgrade", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"Idle\",\"status\":\"True\",\"reason\":\"Idle\",\"message\":\"Idle\","
                        + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(kubectl.run("get", "ibu").out()).containsPattern("upgrade\\s+\\d+s\\s+Idle\\s+Idle\\s+Idle");

        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: openshift-lifecycle-agent\ndata:\n  a: b\n";
        assertThat(kubectl.runWithInput(cm, "apply", "-f", "-").out()).contains("configmap/x created");
        Kubectl.Result again = kubectl.runWithInput(cm.replace("a: b", "a: c"), "apply", "-f", "-");
        assertThat(again.out()).as(again.err()).contains("configmap/x configured");
        assertThat(kubectl.run("get", "cm", "x", "-n", "openshift-lifecycle-agent", "-o", "jsonpath={.data.a}").out()).isEqualTo("c");

        Kubectl.Result dry = kubectl.runWithInput(cm.replace("name: x", "name: dry"), "create", "--dry-run=server", "-f", "-");
        assertThat(dry.out()).as(dry.err()).contains("configmap/dry created (server dry run)");
        assertThat(kubectl.run("get", "cm", "dry", "-n", "openshift-lifecycle-agent").err()).contains("configmaps \"dry\" not found");

        String event = "apiVersion: v1\nkind: Event\nmetadata:\n  name: upgrade.1\n  namespace: default\ninvolvedObject:\n  kind: ImageBasedUpgrade\n"
                + "  name: upgrade\nreason: Prep\nmessage: Prep started\ntype: Normal\n";
        kubectl.runWithInput(event, "create", "-f", "-");
        assertThat(kubectl.run("get", "events", "-n", "default").out()).contains("upgrade.1");
    }
}
