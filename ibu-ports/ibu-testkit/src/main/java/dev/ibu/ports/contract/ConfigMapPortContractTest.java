package dev.ibu.ports.contract;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ConfigMapPort} does: each distinct ConfigMap once, in the order first named. */
public abstract class ConfigMapPortContractTest {
    static final ConfigMapRef A = new ConfigMapRef("cm-a", "openshift-lifecycle-agent");
    static final ConfigMapRef B = new ConfigMapRef("cm-b", "openshift-adp");

    public interface Fixture {
        ConfigMapPort port();

        void putConfigMap(ConfigMapRef ref, Map<String, String> data);
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private ConfigMapPort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    @Test
    void reads_each_distinct_config_map_once_in_the_order_first_named() {
        f.putConfigMap(A, Map.of("a.yaml", "kind: A\n"));
        f.putConfigMap(B, Map.of("b.yaml", "kind: B\n", "c.yaml", "kind: C\n"));

        List<ConfigMapData> read = port.read(List.of(B, A, B)).get();

        assertThat(read.map(ConfigMapData::ref)).containsExactly(B, A);
        assertThat(read.get(0).data()).isEqualTo(Map.of("b.yaml", "kind: B\n", "c.yaml", "kind: C\n"));
        assertThat(read.get(1).data()).isEqualTo(Map.of("a.yaml", "kind: A\n"));
    }

    @Test
    void no_refs_read_nothing() {
        assertThat(port.read(List.empty()).get()).isEmpty();
    }

    @Test
    void a_missing_config_map_is_not_found_naming_namespace_and_name() {
        f.putConfigMap(A, Map.of("a.yaml", "kind: A\n"));

        Either<PortFailure, List<ConfigMapData>> r = port.read(List.of(A, B));

        assertThat(r.isLeft()).isTrue();
        assertThat(r.getLeft()).isInstanceOf(PortFailure.NotFound.class);
        assertThat(r.getLeft().message()).contains(B.namespace() + "/" + B.name());
    }
}
