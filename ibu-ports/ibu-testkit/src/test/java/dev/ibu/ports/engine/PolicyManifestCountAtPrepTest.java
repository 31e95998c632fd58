package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

/**
 * Upstream checks the policy manifests' count at Prep whenever the IBU carries
 * {@code lca.openshift.io/target-ocp-version-manifest-count}, with or without {@code spec.extraManifests}
 * (prep_handlers.go): the engine asks the extra-manifest port then too, with no ConfigMaps.
 */
class PolicyManifestCountAtPrepTest {
    private static final String MISMATCH = "failed to validate manifests from policies: The labeled manifests count "
            + "found in policies 1 does not match the expected manifests count 2";

    private final TestWorld world = TestWorld.fresh();
    private final java.util.List<List<ConfigMapRef>> asked = new java.util.ArrayList<>();

    /** The in-memory port, except that validation reports the count mismatch a real cluster's policies would give. */
    private EnginePorts countingPolicies(EnginePorts p) {
        ExtraManifestPort real = p.extraManifests();
        ExtraManifestPort policies = new ExtraManifestPort() {
            @Override
            public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> refs) {
                asked.add(refs);
                return world.cluster().currentIbu().metadata().hasAnnotation(Annotations.TARGET_VERSION_MANIFEST_COUNT)
                        ? Either.left(PortFailure.invalid(MISMATCH)) : real.validate(refs);
            }

            @Override
            public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> refs) {
                return real.export(refs);
            }

            @Override
            public Either<PortFailure, Void> apply(ExportBundle bundle) {
                return real.apply(bundle);
            }
        };
        return new EnginePorts(p.resource(), p.configMaps(), p.pullSecrets(), p.health(), p.clusterInfo(), policies,
                p.backups(), p.seedImages(), p.stateroots(), p.precache(), p.reboot(), p.stateStore(),
                p.certificates(), p.events(), p.clock());
    }

    @Test
    void the_count_is_checked_at_prep_without_extra_manifest_config_maps() {
        EngineHarness h = new EngineHarness(world, this::countingPolicies);
        h.settle();
        world.cluster().annotate(Annotations.TARGET_VERSION_MANIFEST_COUNT, "2");
        world.requestPrep();
        h.settle();

        assertThat(asked).containsExactly(List.empty());
        assertThat(Snapshot.all(h.ibu())).contains("PrepInProgress False Failed \"failed to validate IBU spec: "
                + MISMATCH + "\"");
    }

    @Test
    void without_the_annotation_or_config_maps_the_port_is_not_asked() {
        EngineHarness h = new EngineHarness(world, this::countingPolicies);
        h.settle();
        world.requestPrep();
        h.settle();

        assertThat(asked).isEmpty();
        assertThat(Snapshot.all(h.ibu())).contains("PrepCompleted True");
    }
}
