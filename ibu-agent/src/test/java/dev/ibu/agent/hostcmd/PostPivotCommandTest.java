package dev.ibu.agent.hostcmd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.ports.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

class PostPivotCommandTest {
    @TempDir
    Path host;

    @Test
    void restores_the_ibu_saved_in_the_booted_stateroot_and_says_where_it_stands() {
        TestWorld world = TestWorld.fresh();
        // the state a pivot leaves: the new stateroot booted (and default), holding the CR saved before the reboot
        String newSr = world.newStateroot();
        world.host().addStateroot(newSr);
        world.host().setDefault(newSr);
        world.powerCycle();
        ImageBasedUpgrade saved = ImageBasedUpgrade.fresh().withSpec(ImageBasedUpgrade.fresh().spec()
                .withStage(Stage.UPGRADE));
        world.host().saveIbu(newSr, saved);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new PostPivotCommand(new PrintWriter(out), new PrintWriter(err), c -> world.ports()))
                .execute("--host-root", host.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("restored from stateroot " + newSr).contains("spec.stage: Upgrade");
        assertThat(world.cluster().currentIbu().spec().stage()).isEqualTo(Stage.UPGRADE);
        assertThat(world.host().savedIbu(newSr)).isEmpty();
    }

    @Test
    void names_a_bad_host_root_and_kubeconfig() {
        StringWriter err = new StringWriter();
        PostPivotCommand cmd = new PostPivotCommand(new PrintWriter(new StringWriter()), new PrintWriter(err),
                c -> { throw new AssertionError("must not build ports"); });
        assertThat(new CommandLine(cmd).execute("--host-root", host.resolve("nope").toString())).isEqualTo(2);
        assertThat(new CommandLine(cmd).execute("--host-root", host.toString(), "--kubeconfig",
                host.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--host-root").contains("--kubeconfig");
    }
}
