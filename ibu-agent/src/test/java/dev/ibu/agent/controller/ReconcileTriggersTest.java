package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** stage-machine.md §4.12: what makes an update of the IBU trigger a reconcile. */
class ReconcileTriggersTest {

    @Test
    void a_spec_change_triggers() {
        assertThat(ReconcileTriggers.onUpdate(ibu(1, Map.of()), ibu(2, Map.of()))).isTrue();
    }

    @Test
    void a_status_only_update_does_not() {
        assertThat(ReconcileTriggers.onUpdate(ibu(3, Map.of()), ibu(3, Map.of()))).isFalse();
    }

    @Test
    void manual_cleanup_done_added_or_removed_triggers() {
        Map<String, String> a = Map.of(ReconcileTriggers.MANUAL_CLEANUP_DONE, "");
        assertThat(ReconcileTriggers.onUpdate(ibu(3, Map.of()), ibu(3, a))).isTrue();
        assertThat(ReconcileTriggers.onUpdate(ibu(3, a), ibu(3, Map.of()))).isTrue();
    }

    @Test
    void trigger_reconcile_added_or_changed_triggers_but_its_removal_does_not() {
        Map<String, String> one = Map.of(ReconcileTriggers.TRIGGER_RECONCILE, "1");
        Map<String, String> two = Map.of(ReconcileTriggers.TRIGGER_RECONCILE, "2");
        assertThat(ReconcileTriggers.onUpdate(ibu(3, Map.of()), ibu(3, one))).isTrue();
        assertThat(ReconcileTriggers.onUpdate(ibu(3, one), ibu(3, two))).isTrue();
        assertThat(ReconcileTriggers.onUpdate(ibu(3, one), ibu(3, one))).isFalse();
        assertThat(ReconcileTriggers.onUpdate(ibu(3, one), ibu(3, Map.of()))).isFalse();
    }

    @Test
    void other_annotations_do_not_trigger() {
        assertThat(ReconcileTriggers.onUpdate(ibu(3, Map.of()), ibu(3, Map.of("example.com/x", "y")))).isFalse();
    }

    private static ImageBasedUpgradeResource ibu(long generation, Map<String, String> annotations) {
        ImageBasedUpgradeResource r = new ImageBasedUpgradeResource();
        r.setMetadata(new ObjectMetaBuilder().withName("upgrade").withGeneration(generation)
                .withAnnotations(annotations).build());
        return r;
    }
}
