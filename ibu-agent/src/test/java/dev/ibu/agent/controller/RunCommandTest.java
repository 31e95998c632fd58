package dev.ibu.agent.controller;

import dev.ibu.agent.Main;
import dev.ibu.agent.StrictCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void an_unreadable_kubeconfig_names_the_flag_and_the_fix() {
        assertThat(run("run", "--host=none", "--kubeconfig=/nonexistent/kubeconfig")).isEqualTo(2);
        assertThat(err.toString()).contains("--kubeconfig /nonexistent/kubeconfig cannot be read")
                .contains("leave --kubeconfig out");
    }

    @Test
    void a_host_without_a_sysroot_names_the_flag_and_the_fix(@TempDir Path dir) {
        assertThat(run("run", "--host=" + dir)).isEqualTo(2);
        assertThat(err.toString()).contains("--host=" + dir).contains("--host=none");
    }

    @Test
    void a_bad_probe_address_names_the_flag_and_examples() {
        assertThat(run("run", "--host=none", "--probe-address=nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("--probe-address nowhere").contains(":8081");
    }

    @Test
    void metrics_without_their_certificate_name_the_options_and_the_fix(@TempDir Path dir) {
        assertThat(run("run", "--host=none", "--probe-address=off", "--metrics-address=127.0.0.1:0",
                "--metrics-cert-dir=" + dir)).isEqualTo(2);
        assertThat(err.toString()).contains("tls.crt cannot be read").contains("--metrics-cert-dir")
                .contains("--metrics-secure=false");
    }

    @Test
    void plain_metrics_are_refused_off_loopback() {
        assertThat(run("run", "--host=none", "--metrics-address=:8080", "--metrics-secure=false")).isEqualTo(2);
        assertThat(err.toString()).contains("loopback").contains("127.0.0.1:8080");
    }

    @Test
    void host_root_is_an_alias_of_host(@TempDir Path dir) {
        assertThat(run("run", "--host-root=" + dir)).isEqualTo(2);
        assertThat(err.toString()).contains("--host=" + dir).contains("does not exist");
    }

    @Test
    void without_a_host_root_run_refuses_to_start_and_names_the_deployments_value() {
        assertThat(run("run", "--probe-address=off")).isEqualTo(2);
        assertThat(err.toString()).contains("run needs --host-root").contains("--host-root=/host")
                .contains("--host-root=none");
    }

    @Test
    void a_bad_duration_is_refused_with_examples() {
        assertThat(run("run", "--host=none", "--resync=often")).isEqualTo(2);
        assertThat(err.toString()).contains("'often' is not a duration").contains("10m");
    }

    @Test
    void with_leader_election_it_holds_the_lease_while_it_runs(@TempDir Path dir) throws Exception {
        try (StrictCluster api = StrictCluster.start(getClass())) {
            Path kubeconfig = api.agentKubeconfig(dir.resolve("kubeconfig"));
            int[] code = {-1};
            // the Lease lives in the agent's namespace, where deploy/base's Role lets the agent hold it
            Thread agent = new Thread(() -> code[0] = run("run", "--kubeconfig=" + kubeconfig, "--host=none",
                    "--leader-elect", "--namespace=openshift-lifecycle-agent", "--run-for=6s",
                    "--probe-address=127.0.0.1:0"));
            agent.start();

            Eventually.until("the Lease is held", () -> {
                Lease lease = api.admin().resources(Lease.class).inNamespace("openshift-lifecycle-agent").withName(LeaderElection.LEASE).get();
                return lease != null && lease.getSpec().getHolderIdentity() != null
                        && !lease.getSpec().getHolderIdentity().isEmpty();
            });
            agent.join(60_000);
            assertThat(code[0]).isZero();
            Lease released = api.admin().resources(Lease.class).inNamespace("openshift-lifecycle-agent")
                    .withName(LeaderElection.LEASE).get();
            assertThat(released.getSpec().getHolderIdentity()).as("released on shutdown").isEmpty();
            assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        }
    }

    @Test
    void without_a_host_the_agent_starts_keeps_retrying_and_stops_cleanly(@TempDir Path dir) {
        try (StrictCluster api = StrictCluster.start(getClass())) {
            Path kubeconfig = api.agentKubeconfig(dir.resolve("kubeconfig"));

            assertThat(run("run", "--kubeconfig=" + kubeconfig, "--host=none", "--run-for=2s",
                    "--probe-address=off")).isZero();
        }
    }
}
