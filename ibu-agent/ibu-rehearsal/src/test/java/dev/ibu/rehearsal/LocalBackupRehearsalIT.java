package dev.ibu.rehearsal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code local --backup=local}: the whole upgrade with the local backup instead of the kit's Velero. */
class LocalBackupRehearsalIT {
    @Test
    void upgrades_and_finalizes_with_the_local_backup_whose_directory_finalize_deletes() {
        LocalOutput run = LocalOutput.run("local", "--backup=local", "--no-yaml");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Matcher dir = Pattern.compile("the local backup \\(no OADP, no S3\\) under (\\S+)").matcher(run.out());
        assertThat(dir.find()).as(run.out()).isTrue();
        assertThat(run.out()).contains("UpgradeCompleted/Completed: Upgrade completed")
                .contains("Finalize completed: the IBU is Idle");
        assertThat(Files.exists(Path.of(dir.group(1)))).as("deleted at finalize").isFalse();
    }

    @Test
    void refuses_an_unknown_method_and_failures_of_the_kits_velero() {
        LocalOutput unknown = LocalOutput.run("local", "--backup=s3");
        LocalOutput velero = LocalOutput.run("local", "--backup=local", "--fail=backup");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--backup=s3").contains("--backup=oadp or --backup=local");
        assertThat(velero.exitCode()).isEqualTo(2);
        assertThat(velero.err()).contains("--fail=backup").contains("--backup=oadp");
    }
}
