package dev.ibu.ports.testkit;

import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRegistryTest {
    static final String PRIVATE = "registry.example.com/seed:4.15.2";

    final Faults faults = new Faults();
    final InMemoryRegistry registry = new InMemoryRegistry(faults)
            .push(Seed.of(PRIVATE, "4.15.2").requiringAuth("{\"auths\":{}}"));

    @Test
    void a_pull_secret_the_registry_does_not_accept_is_invalid() {
        PortFailure f = registry.inspect(PRIVATE, Option.some(new PullSecret("other", "{\"x\":1}"))).getLeft();

        assertThat(f).isInstanceOf(PortFailure.Invalid.class);
        assertThat(f.message()).contains("other").contains(PRIVATE).doesNotContain("{\"x\":1}");
    }

    @Test
    void a_seed_without_labels_shows_none() {
        registry.push(Seed.of("quay.io/bare:1", "4.15.2").withFormatVersion(Option.none())
                .withClusterInfo(Option.none()));

        SeedImageInfo info = registry.inspect("quay.io/bare:1", Option.none()).get();

        assertThat(info.formatVersion()).isEqualTo(Option.none());
        assertThat(info.clusterInfo()).isEqualTo(Option.none());
        assertThat(info.labels().isEmpty()).isTrue();
    }

    @Test
    void the_cluster_info_label_is_json() {
        registry.push(Seed.of("quay.io/s:1", "4.15.2"));

        String label = registry.inspect("quay.io/s:1", Option.none()).get().labels()
                .get(SeedImageInfo.CLUSTER_INFO_LABEL).get();

        assertThat(label).isEqualTo("{\"seed_cluster_ocp_version\":\"4.15.2\",\"has_proxy\":false,\"has_fips\":false}");
    }

    @Test
    void fail_after_lets_the_first_inspections_through() {
        faults.failAfter(Op.SEED_INSPECT, 1, PortFailure.transientFailure("registry unreachable"));

        assertThat(registry.inspect(PRIVATE, Option.none()).getLeft()).isInstanceOf(PortFailure.NotFound.class);
        assertThat(registry.inspect(PRIVATE, Option.none()).getLeft().message()).isEqualTo("registry unreachable");
        assertThat(faults.calls(Op.SEED_INSPECT)).isEqualTo(2);
    }
}
