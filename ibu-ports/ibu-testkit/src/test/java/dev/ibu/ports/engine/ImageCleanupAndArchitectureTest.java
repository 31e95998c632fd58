package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ImageCleanup;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.testkit.RecordedEvent;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the image-cleanup annotations reach the precache job (host-and-image.md §5.1), a seed built for another
 * CPU architecture than the node's is refused at Prep, and precache skips a manifest list without the node's entry
 * (upstream PR 7318) instead of failing Prep.
 */
class ImageCleanupAndArchitectureTest {

    private final TestWorld world = TestWorld.fresh();
    private final EngineHarness h = new EngineHarness(world);

    private void prep() {
        h.settle();
        world.requestPrep();
        h.settle();
    }

    /** Ten unused images and one pinned one, each 9% of the storage: 99% used. */
    private void fullStorage() {
        world.precache().storageUsage(0, 9).storeImage("registry.example.com/pinned:1", true, false);
        for (int i = 0; i < 10; i++) {
            world.precache().storeImage("registry.example.com/old:" + i, false, false);
        }
    }

    @Test
    void without_annotations_prep_asks_for_the_default_cleanup_and_a_pinned_image_survives_99_percent() {
        fullStorage();
        assertThat(world.precache().storageUsedPercent()).isEqualTo(99);

        prep();

        assertThat(Snapshot.last(h.ibu())).contains("Prep stage completed successfully");
        assertThat(world.precache().lastCleanup()).contains(ImageCleanup.DEFAULT);
        // batches of 5 until at or under 50%: 99 -> 54 -> 9
        assertThat(world.precache().removedImages()).hasSize(10);
        assertThat(world.precache().storedImages()).contains("registry.example.com/pinned:1");
    }

    @Test
    void a_threshold_annotation_is_the_threshold_the_job_gets() {
        fullStorage();
        h.settle(); // the engine creates the resource; annotate it before Prep
        world.cluster().annotate(Annotations.IMAGE_CLEANUP_THRESHOLD, "80");

        prep();

        assertThat(world.precache().lastCleanup()).contains(new ImageCleanup(true, 80));
        assertThat(world.precache().removedImages()).hasSize(5); // 99 -> 54: under 80 after one batch
    }

    @Test
    void on_prep_disabled_removes_nothing() {
        fullStorage();
        h.settle();
        world.cluster().annotate(Annotations.IMAGE_CLEANUP_ON_PREP, "Disabled");

        prep();

        assertThat(world.precache().lastCleanup()).contains(ImageCleanup.DISABLED);
        assertThat(world.precache().removedImages()).isEmpty();
        assertThat(world.cluster().events().map(RecordedEvent::reason)).doesNotContain("ImageCleanupDisabled");
    }

    @Test
    void an_unparsable_threshold_disables_the_cleanup_warns_and_prep_still_completes() {
        fullStorage();
        h.settle();
        world.cluster().annotate(Annotations.IMAGE_CLEANUP_THRESHOLD, "50%");

        prep();

        assertThat(Snapshot.last(h.ibu())).contains("Prep stage completed successfully");
        assertThat(world.precache().lastCleanup()).contains(ImageCleanup.DISABLED);
        assertThat(world.precache().removedImages()).isEmpty();
        RecordedEvent warning = world.cluster().events().find(e -> e.reason().equals("ImageCleanupDisabled")).get();
        assertThat(warning.type()).isEqualTo(EventPort.Type.WARNING);
        assertThat(warning.message()).contains(Annotations.IMAGE_CLEANUP_THRESHOLD).contains("\"50%\"")
                .contains("set it to a whole number of percent");
    }

    @Test
    void a_seed_built_for_another_architecture_fails_prep_naming_both() {
        world.registry().builtFor(world.seed().image(), "arm64");

        prep();

        assertThat(Snapshot.last(h.ibu())).contains("PrepInProgress False Failed").contains(
                "failed to validate seed image info: checking seed image compatibility: seed image "
                        + world.seed().image() + " is built for arm64 but this node is amd64; use a seed image built "
                        + "for amd64 in spec.seedImageRef.image");
        assertThat(world.host().staterootNames()).doesNotContain(world.newStateroot());
    }

    @Test
    void the_architecture_is_checked_after_the_format_version_and_before_the_cluster_facts() {
        world.registry().builtFor(world.seed().image(), "s390x");
        world.registry().push(world.seed().withClusterInfo(Option.some(new dev.ibu.ports.out.ClusterInfo(
                world.seed().version(), true, true, Option.none(), Option.none(), Option.none()))));

        prep();

        assertThat(Snapshot.last(h.ibu())).contains("is built for s390x but this node is amd64")
                .doesNotContain("proxy");
    }

    @Test
    void a_multi_arch_seed_with_the_nodes_entry_is_accepted_on_any_of_its_architectures() {
        world.registry().manifestList(world.seed().image(), "amd64", "arm64").nodeArchitecture("arm64");

        prep();

        assertThat(Snapshot.last(h.ibu())).contains("Prep stage completed successfully");
    }

    @Test
    void a_multi_arch_seed_without_the_nodes_entry_fails_prep_listing_its_architectures() {
        world.registry().manifestList(world.seed().image(), "arm64", "s390x");

        prep();

        assertThat(Snapshot.last(h.ibu())).contains("is built for arm64, s390x but this node is amd64");
    }

    @Test
    void precache_skips_a_manifest_list_without_the_nodes_entry_counts_it_and_prep_completes() {
        String armOnly = world.seed().images().get(1);
        world.registry().manifestList(armOnly, "arm64");
        world.precache().pacing(dev.ibu.ports.testkit.Pacing.Mode.TICKS, 1);

        h.settle();
        world.requestPrep();
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 200 && !Snapshot.last(h.ibu()).contains("Completed"); i++) {
            var r = h.reconcile();
            messages.add(Snapshot.last(h.ibu()));
            world.tick(r.requeueAfter().getOrElse(EngineHarness.BACKOFF));
        }

        assertThat(Snapshot.last(h.ibu())).contains("Prep stage completed successfully");
        assertThat(messages).anyMatch(m -> m.contains("Precache job in progress") && m.contains(", skipped: 1)"));
        assertThat(world.precache().pulls(armOnly)).isZero();
        assertThat(world.precache().peek().progress().get().skipped()).isEqualTo(1);
        assertThat(world.precache().peek().progress().get().failed()).isZero();
        assertThat(Option.of(world.precache().peek().progress().get().message())).contains(
                "total: 3 (pulled: 2, failed: 0, skipped: 1)");
    }
}
