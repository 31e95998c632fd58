package dev.ibu.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextRendererTest {
    private static final Instant NOW = Instant.parse("2024-01-01T09:45:00Z");

    private static String render(String doc, Instant now) {
        return TextRenderer.render(StatusView.of(Docs.ibu(doc), now), Style.PLAIN);
    }

    @Test
    void afterThePivotTheWholeViewIsAlignedAndShowsTheReboot() {
        assertThat(render("upgrade-restoring.yaml", NOW)).isEqualTo("""
                ImageBasedUpgrade upgrade   stage Upgrade   seed quay.io/example/seed:4.15.2 (4.15.2)

                STAGE/PHASE  STARTED               COMPLETED             DURATION
                Prep         2024-01-01T09:00:00Z  2024-01-01T09:20:00Z  20m00s
                  Stateroot  2024-01-01T09:00:05Z  2024-01-01T09:08:30Z  8m25s
                  Precache   2024-01-01T09:08:31Z  2024-01-01T09:19:58Z  11m27s
                Upgrade      2024-01-01T09:30:00Z  running               15m00s
                  PrePivot   2024-01-01T09:30:01Z  2024-01-01T09:35:12Z  5m11s
                  Reboot     2024-01-01T09:35:12Z  2024-01-01T09:41:47Z  6m35s
                  PostPivot  2024-01-01T09:41:47Z  running               3m13s

                Reboot time  6m35s (PostPivot start - PrePivot completion)
                Condition    UpgradeInProgress=True  reason InProgress
                Message      Restore of Application Data is in progress
                Restore      in progress
                Rollback     30m00s left (until 2024-01-01T10:15:00Z)
                Next stages  Rollback
                """);
    }

    @Test
    void precacheProgressIsABar() {
        assertThat(render("prep-precaching.yaml", NOW))
                .contains("Precache     [#######!......................] 30%  pulled 30, failed 6, total 120\n")
                .contains("  Precache   2024-01-01T09:08:31Z  running               36m29s\n")
                .contains("Next stages  none (no transition allowed now)\n")
                .doesNotContain("Reboot time");
    }

    @Test
    void seedDocumentAfterUpgradeShowsTheExpiredRollbackWindowAndTheNextStages() {
        assertThat(render("seed-15.3.2-upgrade-completed.yaml", NOW))
                .contains("Condition    UpgradeCompleted=True  reason Completed\n")
                .contains("Message      Upgrade completed\n")
                .contains("Rollback     window expired 45m00s ago (at 2024-01-01T09:00:00Z): a rollback may need "
                        + "manual recovery of the control plane certificates\n")
                .contains("Next stages  Idle, Rollback\n")
                .contains("History      none yet");
        assertThat(render("seed-15.3.2-upgrade-completed.yaml", Instant.parse("2024-01-01T08:59:59Z")))
                .contains("Rollback     1s left (until 2024-01-01T09:00:00Z)\n");
    }

    @Test
    void seedDocumentAfterPrepShowsPrepCompletedAndUpgradeNext() {
        assertThat(render("seed-15.3.1-after-prep.yaml", NOW))
                .startsWith("ImageBasedUpgrade upgrade   stage Prep   seed <seed_container_image> (4.15.2)\n")
                .contains("Condition    PrepCompleted=True  reason Completed\n")
                .contains("Message      Prep stage completed successfully\n")
                .contains("Next stages  Idle, Upgrade\n")
                .contains("Rollback     no window set");
    }

    @Test
    void aFreshCrSaysNothingHappenedYet() {
        assertThat(render("seed-15.3.1-cr.yaml", NOW))
                .contains("Condition    none yet (the Lifecycle Agent has not reconciled the IBU)\n");
    }

    @Test
    void everySeedDocumentRendersWithoutColourCodesWhenPlain() {
        for (String doc : new String[] {"seed-15.3.1-cr.yaml",
            "seed-15.3.1-validation-warning.yaml", "seed-15.3.1-after-prep.yaml",
            "seed-15.3.2-upgrade-in-progress.yaml", "seed-15.3.2-upgrade-completed.yaml", "seed-15.3.3-cr.yaml"}) {
            assertThat(render(doc, NOW)).as(doc).startsWith("ImageBasedUpgrade upgrade").doesNotContain("\u001b[");
        }
    }

    @Test
    void colourOnlyWhenAsked() {
        String coloured = TextRenderer.render(StatusView.of(Docs.ibu("upgrade-restoring.yaml"), NOW), new Style(true));
        assertThat(coloured).contains("\u001b[32mUpgradeInProgress=True\u001b[0m");
    }
}
