package dev.ibu.agent.gather;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The image's {@code gather-host} (must-gather's node side) on a fake node root: it copies the unbooted stateroot's
 * /var/log and not the booted one's, the recert summaries, and names each host command that failed; {@code -} streams
 * the same as a .tar.gz on stdout and nothing else. Runs the script with this machine's /bin/sh (dash on Debian).
 */
class GatherHostScriptTest {
    private static final Path SCRIPT = Path.of("image/rootfs/usr/bin/gather-host");

    @TempDir
    Path tmp;

    private Path fakeNode() throws IOException {
        Path host = tmp.resolve("host");
        write(host.resolve("ostree/deploy/rhcos/var/log/booted.log"), "booted\n");
        write(host.resolve("ostree/deploy/rhcos_4.15.2/var/log/pods/ns_pod/c/0.log"), "from the new stateroot\n");
        write(host.resolve("ostree/deploy/rhcos_4.15.2/var/tmp/recert-summary.yaml"), "recert: done\n");
        write(host.resolve("etc/kubernetes/recert-seed-restoration-summary.yaml"), "restored: yes\n");
        write(tmp.resolve("cmdline"), "BOOT_IMAGE=(hd0,gpt3)/ostree/rhcos-1/vmlinuz ostree=/ostree/boot.0/rhcos/1/0 ro\n");
        return host;
    }

    @Test
    void collects_the_unbooted_stateroot_logs_and_recert_summaries_and_notes_failed_host_commands() throws Exception {
        Path host = fakeNode();
        Path out = tmp.resolve("out");
        Result r = run(host, out.toString());
        assertThat(r.exit).as(r.stderr).isZero();
        assertThat(out.resolve("unbooted-stateroot-var-log/rhcos_4.15.2/var/log/pods/ns_pod/c/0.log"))
                .hasContent("from the new stateroot");
        assertThat(out.resolve("unbooted-stateroot-var-log/rhcos")).as("the booted stateroot is not 'unbooted'")
                .doesNotExist();
        assertThat(out.resolve("recert-summary/recert-summary-rhcos_4.15.2.yaml")).hasContent("recert: done");
        assertThat(out.resolve("recert-summary/recert-seed-restoration-summary.yaml")).hasContent("restored: yes");
        // the fake node has no rpm-ostree, ostree, lsblk or journalctl: each failure is named, nothing stops
        String notes = Files.readString(out.resolve("notes.txt"));
        for (String file : List.of("rpm-ostree-status.json", "ostree-admin-status.txt", "block.json",
                "installation-configuration.service.log")) {
            assertThat(notes).contains(file + ": 'chroot " + host);
        }
    }

    @Test
    void an_unknown_booted_stateroot_copies_no_logs_and_says_why() throws Exception {
        Path host = fakeNode();
        write(tmp.resolve("cmdline"), "BOOT_IMAGE=/vmlinuz root=/dev/sda1\n");
        Path out = tmp.resolve("out");
        assertThat(run(host, out.toString()).exit).isZero();
        assertThat(out.resolve("unbooted-stateroot-var-log")).doesNotExist();
        assertThat(Files.readString(out.resolve("notes.txt"))).contains("no ostree= argument in " + tmp.resolve("cmdline"));
    }

    @Test
    void dash_streams_a_tar_gz_with_the_same_content_and_nothing_else_on_stdout() throws Exception {
        Path host = fakeNode();
        Result r = run(host, "-");
        assertThat(r.exit).as(r.stderr).isZero();
        Set<String> names = new HashSet<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new ByteArrayInputStream(r.stdout)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("./unbooted-stateroot-var-log/rhcos_4.15.2/var/log/pods/ns_pod/c/0.log",
                "./notes.txt", "./recert-summary/recert-summary-rhcos_4.15.2.yaml");
        assertThat(r.stderr).as("progress goes to stderr").contains("gather-host:");
    }

    @Test
    void without_a_node_root_it_says_where_to_run_it() throws Exception {
        Path out = tmp.resolve("out");
        assertThat(run(tmp.resolve("nothing"), out.toString()).exit).isZero();
        assertThat(Files.readString(out.resolve("notes.txt"))).contains("ostree/deploy does not exist")
                .contains("agent's container");
    }

    @Test
    void wrong_arguments_exit_2_with_the_usage() throws Exception {
        Result r = run(tmp, null);
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).contains("usage: gather-host DIR|-");
    }

    private record Result(int exit, byte[] stdout, String stderr) {
    }

    private Result run(Path host, String arg) throws Exception {
        ProcessBuilder pb = arg == null ? new ProcessBuilder("sh", SCRIPT.toString())
                : new ProcessBuilder("sh", SCRIPT.toString(), arg);
        pb.environment().put("IBU_HOST_ROOT", host.toString());
        pb.environment().put("IBU_CMDLINE", tmp.resolve("cmdline").toString());
        Path err = tmp.resolve("stderr-" + System.nanoTime());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
