package dev.ibu.ports.contract;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ExtraManifestPort} does: forbidden kinds are errors naming where they are; export by wave. */
public abstract class ExtraManifestPortContractTest {
    static final ConfigMapRef EXTRA = new ConfigMapRef("extra-cm", "openshift-lifecycle-agent");

    /** Fresh for each test: a cluster with the usual namespaces and no ConfigMaps. */
    public interface Fixture {
        ExtraManifestPort port();

        void putConfigMap(ConfigMapRef ref, Map<String, String> data);
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private ExtraManifestPort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    @Test
    void plain_manifests_in_an_existing_namespace_validate() {
        f.putConfigMap(EXTRA, Map.of("cm.yaml", Samples.configMapYaml("app-config", "default", "")));

        Either<PortFailure, ManifestValidation> v = port.validate(List.of(EXTRA));

        assertThat(v.isRight()).isTrue();
    }

    @Test
    void a_machine_config_is_invalid_naming_the_config_map_the_key_and_the_object() {
        f.putConfigMap(EXTRA, Map.of(
                "ok.yaml", Samples.configMapYaml("app-config", "default", ""),
                "mc.yaml", Samples.machineConfigYaml("99-worker-extra")));

        Either<PortFailure, ManifestValidation> v = port.validate(List.of(EXTRA));

        assertThat(v.isLeft()).isTrue();
        assertThat(v.getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(v.getLeft().message()).contains(EXTRA.name()).contains("mc.yaml").contains("MachineConfig")
                .contains("99-worker-extra");
    }

    @Test
    void a_document_without_kind_is_invalid_naming_the_key() {
        f.putConfigMap(EXTRA, Map.of("broken.yaml", "apiVersion: v1\nmetadata:\n  name: x\n"));

        Either<PortFailure, ManifestValidation> v = port.validate(List.of(EXTRA));

        assertThat(v.isLeft()).isTrue();
        assertThat(v.getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(v.getLeft().message()).contains("broken.yaml").contains(EXTRA.name());
    }

    @Test
    void a_missing_config_map_is_an_error_naming_it() {
        Either<PortFailure, ManifestValidation> v = port.validate(List.of(EXTRA));

        assertThat(v.isLeft()).isTrue();
        assertThat(v.getLeft().message()).contains(EXTRA.name());
    }

    @Test
    void export_groups_manifests_by_apply_wave_in_order() {
        f.putConfigMap(EXTRA, Map.of(
                "late.yaml", Samples.configMapYaml("late", "default", "10"),
                "early.yaml", Samples.configMapYaml("early", "default", "-1"),
                "none.yaml", Samples.configMapYaml("unwaved", "default", "")));

        ExportBundle bundle = port.export(List.of(EXTRA)).get();

        List<String> names = bundle.files().keySet().toList().sorted();
        assertThat(names).hasSize(3);
        assertThat(names.get(0)).startsWith("1/").contains("early");
        assertThat(names.get(1)).startsWith("2/").contains("late");
        assertThat(names.get(2)).startsWith("3/").contains("unwaved");
    }

    @Test
    void applying_an_empty_bundle_succeeds() {
        assertThat(port.apply(ExportBundle.EMPTY).isRight()).isTrue();
    }

    @Test
    void exported_manifests_apply() {
        f.putConfigMap(EXTRA, Map.of("cm.yaml", Samples.configMapYaml("app-config", "default", "")));

        ExportBundle bundle = port.export(List.of(EXTRA)).get();

        assertThat(port.apply(bundle).isRight()).isTrue();
    }
}
