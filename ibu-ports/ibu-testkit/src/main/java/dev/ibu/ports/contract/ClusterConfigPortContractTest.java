package dev.ibu.ports.contract;

import dev.ibu.ports.out.ClusterConfigPort;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.ClusterConfigSamples;
import io.vavr.collection.LinkedHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ClusterConfigPort} does: it reads the cluster {@link ClusterConfigSamples} describes into that
 * configuration, names a missing required object, and applies manifests in order, stopping at the first refusal,
 * after deleting the seed's mirror configuration.
 */
public abstract class ClusterConfigPortContractTest {
    public static final String PULL_SECRET = "Secret openshift-config/pull-secret";

    /** Fresh for each test: a cluster holding what {@link ClusterConfigSamples#fromCluster()} describes. */
    public interface Fixture {
        ClusterConfigPort port();

        /** Deletes a required object; {@link #PULL_SECRET} at least. */
        void remove(String object);

        /** An ImageDigestMirrorSet the seed brought. */
        void addSeedMirror(String name);

        /** Whether the object exists now ({@code namespace} empty for cluster-scoped kinds). */
        boolean exists(String kind, String namespace, String name);
    }

    protected abstract Fixture newFixture();

    private Fixture f;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
    }

    private static ExportBundle files(String... nameAndText) {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        for (int i = 0; i < nameAndText.length; i += 2) {
            files = files.put(nameAndText[i], nameAndText[i + 1]);
        }
        return new ExportBundle(files);
    }

    private static String namespace(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    @Test
    void gathers_the_cluster_configuration() {
        ClusterConfiguration expected = ClusterConfigSamples.fromCluster();

        ClusterConfiguration gathered = f.port().gather().get();

        assertThat(gathered.seedReconfiguration()).isEqualTo(expected.seedReconfiguration());
        assertThat(gathered.manifests().files().keySet().toJavaSet())
                .isEqualTo(expected.manifests().files().keySet().toJavaSet());
        JsonMapper json = JsonMapper.builder().build();
        expected.manifests().files().forEach((name, text) -> assertThat(json.readTree(
                gathered.manifests().files().get(name).get())).as(name).isEqualTo(json.readTree(text)));
        assertThat(gathered.networkConnections()).isEmpty();
    }

    @Test
    void a_missing_pull_secret_is_not_found_naming_it() {
        f.remove(PULL_SECRET);

        PortFailure failure = f.port().gather().getLeft();

        assertThat(failure).isInstanceOf(PortFailure.NotFound.class);
        assertThat(failure.message()).contains("openshift-config/pull-secret");
    }

    @Test
    void applies_every_object_of_every_file_and_deletes_the_seeds_mirrors_first() {
        f.addSeedMirror("seed-mirror");

        assertThat(f.port().apply(files("01_certmanager_Namespace_apps.json", namespace("apps"),
                ClusterConfigSamples.IDMS_FILE, ClusterConfigSamples.manifests().files().get(ClusterConfigSamples.IDMS_FILE)
                        .get())).isRight()).isTrue();

        assertThat(f.exists("Namespace", "", "apps")).isTrue();
        assertThat(f.exists("ImageDigestMirrorSet", "", "mirror")).isTrue();
        assertThat(f.exists("ImageDigestMirrorSet", "", "seed-mirror")).isFalse();
    }

    @Test
    void applying_the_same_manifests_again_succeeds() {
        ExportBundle bundle = files("01_certmanager_Namespace_apps.json", namespace("apps"));
        f.port().apply(bundle);

        assertThat(f.port().apply(bundle).isRight()).isTrue();
        assertThat(f.exists("Namespace", "", "apps")).isTrue();
    }

    @Test
    void stops_at_the_first_refused_object_naming_its_file() {
        ExportBundle bundle = files("01_certmanager_Namespace_first.json", namespace("first"),
                "02_unserved.json", "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Unserved\",\"metadata\":{\"name\":"
                        + "\"x\"}}",
                "03_certmanager_Namespace_never.json", namespace("never"));

        PortFailure failure = f.port().apply(bundle).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Terminal.class);
        assertThat(failure.message()).contains("02_unserved.json").contains("Unserved");
        assertThat(f.exists("Namespace", "", "first")).isTrue();
        assertThat(f.exists("Namespace", "", "never")).isFalse();
    }
}
