package dev.ibu.rehearsal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.rehearsal.RehearsalMain;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * {@code local --fleet}: the real hub (adapters + engine) on the strict local hub; spokes run the ibu engine on an
 * in-memory host (default) or a scripted IBU.
 */
class FleetRehearsalIT {
    record Run(int code, String out, String err) {
    }

    static Run local(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RehearsalMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void talms_documentation_ibgu_rolls_out_unchanged() {
        Run r = local("local", "--fleet=6", "--ibgu=talm");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("rollout completed", "plan[0] (Prep): start spoke1 Prep, spoke4 Prep, spoke6 Prep",
                "plan[4] (FinalizeUpgrade) done: 3 completed");
        assertThat(r.out()).doesNotContain("spoke2 Prep");
        assertThat(r.out()).contains("kind: \"ImageBasedGroupUpgrade\"", "clustersOmitted");
    }

    @Test
    void the_default_rollout_shows_the_canary_first_then_batches() {
        Run r = local("local", "--fleet=8", "--no-yaml");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("plan[0] (Prep): start spoke1 Prep\n", "rollout completed");
        assertThat(out.indexOf("spoke1 Prep Completed")).isLessThan(out.indexOf("start spoke2 Prep"));
        assertThat(out).contains("plan[2] (FinalizeUpgrade) done: 8 completed");
    }

    @Test
    void injected_failures_spend_the_budget_and_halt_with_the_spokes_messages() {
        Run r = local("local", "--fleet=8", "--fleet-fail=2", "--no-yaml");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("spoke2 Prep Failed: ", "quay.io/openshift-kni/seed:missing",
                "HALTED: Rollout halted at plan[0] (Prep): 2 of 8 spokes failed", "rollout halted");
        assertThat(r.out()).doesNotContain("plan[1] (Upgrade): start");
    }

    @Test
    void scripted_spokes_roll_a_bigger_fleet() {
        Run r = local("local", "--fleet=24", "--fleet-spokes=scripted", "--fleet-fail=2", "--no-yaml");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("scripted IBUs", "spoke2 Prep Failed: seed image quay.io/seed/image:4.21.0: pull"
                + " failed (injected)", "rollout halted");
    }

    @Test
    void spokes_with_their_own_api_server_roll_out_end_to_end() {
        Run r = local("local", "--fleet=3", "--fleet-spokes=apiserver", "--no-yaml");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("each with its own strict API server", "plan[1] (Upgrade) done: 3 completed",
                "plan[2] (FinalizeUpgrade) done: 3 completed", "rollout completed");
    }

    @Test
    void bad_fleet_options_name_the_fix() {
        Run r = local("local", "--fleet=3", "--fleet-fail=3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--fleet-fail=3");
    }
}
