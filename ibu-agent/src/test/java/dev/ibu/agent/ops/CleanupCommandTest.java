package dev.ibu.agent.ops;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.testkit.InMemoryHost;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** cleanup against the in-memory test kit's host, Velero and IBU resource. */
class CleanupCommandTest {
    private static final String BOOTED = InMemoryHost.DEFAULT_BOOTED;
    private static final String NEW = "rhcos_4.15.2";

    private TestWorld w;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void world() {
        w = TestWorld.fresh();
        w.cluster().seedIbu(ImageBasedUpgrade.fresh());
        w.host().addStateroot(NEW);
    }

    private int cleanup(String... args) {
        CleanupPorts ports = new CleanupPorts(Option.some(w.host()), Option.some(w.velero()),
                Option.some(w.cluster()), "in-memory host");
        return new CommandLine(new CleanupCommand(new PrintWriter(out, true), new PrintWriter(err, true), ports))
                .execute(args);
    }

    private boolean annotated() {
        return w.cluster().currentIbu().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE);
    }

    @Test
    void removes_a_stateroot_that_is_not_booted_cleans_oadp_and_annotates() {
        int code = cleanup("--stateroot", NEW, "--oadp");

        assertThat(code).as(err.toString()).isZero();
        assertThat(w.host().staterootNames()).containsExactly(BOOTED);
        assertThat(annotated()).isTrue();
        assertThat(out.toString()).contains("stateroot " + NEW + ": undeployed and removed",
                "OADP: leftover LCA Backups deleted", Annotations.MANUAL_CLEANUP_DONE);
    }

    @Test
    void refuses_the_booted_stateroot_with_exit_code_2_and_changes_nothing() {
        int code = cleanup("--stateroot", BOOTED, "--oadp");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--stateroot " + BOOTED + " is the booted stateroot",
                "Boot another stateroot first");
        assertThat(w.host().staterootNames()).contains(BOOTED, NEW);
        assertThat(annotated()).isFalse();
    }

    @Test
    void an_oadp_failure_is_exit_code_1_names_the_backup_storage_check_and_does_not_annotate() {
        w.velero().loseS3(true);

        int code = cleanup("--oadp");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("OADP cleanup failed", "failed to delete all the backup CRs",
                "backupstoragelocations.velero.io");
        assertThat(annotated()).isFalse();
    }

    @Test
    void no_annotate_leaves_the_ibu_alone() {
        int code = cleanup("--stateroot", NEW, "--no-annotate");

        assertThat(code).isZero();
        assertThat(w.host().staterootNames()).containsExactly(BOOTED);
        assertThat(annotated()).isFalse();
    }

    @Test
    void an_invalid_stateroot_name_is_exit_code_2_naming_the_option() {
        assertThat(cleanup("--stateroot", "../etc")).isEqualTo(2);
        assertThat(err.toString()).contains("--stateroot ../etc is not a stateroot name");
    }

    @Test
    void a_stateroot_without_a_host_is_exit_code_2_naming_host_and_sysroot() {
        CleanupPorts noHost = new CleanupPorts(Option.none(), Option.some(w.velero()), Option.some(w.cluster()), "");
        int code = new CommandLine(new CleanupCommand(new PrintWriter(out, true), new PrintWriter(err, true),
                noHost)).execute("--stateroot", NEW);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--stateroot needs the host", "--host=/host", "--sysroot=DIR");
    }

    @Test
    void refuses_the_default_stateroot_with_exit_code_2_and_changes_nothing() {
        w.host().setDefault(NEW).get();

        int code = cleanup("--stateroot", NEW, "--oadp");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--stateroot " + NEW + " holds the default deployment (index 0)");
        assertThat(w.host().staterootNames()).contains(BOOTED, NEW);
        assertThat(annotated()).isFalse();
    }

    @Test
    void on_a_node_where_nothing_shows_as_booted_it_removes_nothing_with_exit_code_2() {
        java.util.List<String> removed = new java.util.ArrayList<>();
        dev.ibu.ports.out.StaterootPort unbooted = new dev.ibu.ports.out.StaterootPort() {
            @Override
            public io.vavr.control.Either<dev.ibu.ports.out.PortFailure, dev.ibu.ports.out.HostStatus> status() {
                return io.vavr.control.Either.right(new dev.ibu.ports.out.HostStatus(io.vavr.collection.List.of(
                        new dev.ibu.ports.out.Deployment(0, BOOTED, "a", 0, false),
                        new dev.ibu.ports.out.Deployment(1, NEW, "b", 0, false))));
            }

            @Override
            public io.vavr.control.Either<dev.ibu.ports.out.PortFailure, Void> remove(String name) {
                removed.add(name);
                return io.vavr.control.Either.right(null);
            }

            @Override
            public io.vavr.control.Either<dev.ibu.ports.out.PortFailure, Void> startSetup(
                    dev.ibu.ports.out.StaterootSetup setup) {
                throw new AssertionError("cleanup never sets up");
            }

            @Override
            public io.vavr.control.Either<dev.ibu.ports.out.PortFailure, dev.ibu.ports.out.JobState> setupState(String n) {
                throw new AssertionError("cleanup never reads setup state");
            }

            @Override
            public io.vavr.control.Either<dev.ibu.ports.out.PortFailure, Void> setDefault(String n) {
                throw new AssertionError("cleanup never sets the default");
            }
        };
        CleanupPorts ports = new CleanupPorts(Option.some(unbooted), Option.some(w.velero()), Option.some(w.cluster()),
                "node root at /host");
        int code = new CommandLine(new CleanupCommand(new PrintWriter(out, true), new PrintWriter(err, true), ports))
                .execute("--host", "/host", "--stateroot", NEW);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot tell which deployment is booted", "nothing was removed");
        assertThat(removed).isEmpty();
        assertThat(annotated()).isFalse();
    }
}
