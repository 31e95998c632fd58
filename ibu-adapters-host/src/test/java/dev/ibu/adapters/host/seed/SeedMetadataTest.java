package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedMetadataTest {

    private static final String CSUM = "9be4d2f124b33442b82b854d07349957a0e8420ced84badab098557f046d5c7b";

    @TempDir
    Path dir;

    private void write(String rpmId, String kargs, boolean fips) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), Json.MAPPER.writeValueAsString(SeedClusterInfo.minimal("4.16.0")));
        Files.writeString(dir.resolve("rpm-ostree.json"), "{\"deployments\":[{\"id\":\"other-" + CSUM + ".1\",\"booted\":false},"
            + "{\"id\":\"" + rpmId + "\",\"booted\":true,\"extra\":1}],\"transaction\":null}");
        Files.writeString(dir.resolve("mco-currentconfig.json"), "{\"spec\":{\"kernelArguments\":[" + kargs + "],\"fips\":" + fips + "}}");
        Files.writeString(dir.resolve("containers.list"), "quay.io/a:1\n\nquay.io/b:2");
    }

    @Test
    void reads_booted_deployment_kargs_and_images() throws Exception {
        write("rhcos_192-168-1-1-" + CSUM + ".0", "\"nosmt\",\"a=\\\"b c\\\"\"", true);
        SeedMetadata m = SeedMetadata.read(dir);
        assertThat(m.bootedOsname()).isEqualTo("rhcos_192-168-1-1");
        assertThat(m.deployment()).isEqualTo(CSUM + ".0");
        assertThat(m.commit()).isEqualTo(CSUM);
        assertThat(m.kernelArguments()).containsExactly("nosmt", "a=\"b c\"");
        assertThat(m.images()).containsExactly("quay.io/a:1", "quay.io/b:2");
        assertThat(m.clusterInfo().ocpVersion()).isEqualTo("4.16.0");
        assertThat(dev.ibu.adapters.host.ostree.StaterootSetupJobAccess.kargs(m))
            .containsExactly("nosmt", "a=\"b c\"", "fips=1", "boot=LABEL=boot");
    }

    @Test
    void rejects_a_malformed_deployment_id() throws Exception {
        write("rhcos-notachecksum.0", "", false);
        assertThatThrownBy(() -> SeedMetadata.read(dir)).isInstanceOf(SeedFormatException.class)
            .hasMessageContaining("booted deployment \"notachecksum.0\" is not <64-hex checksum>.<serial>");
        write(CSUM + ".0", "", false);
        assertThatThrownBy(() -> SeedMetadata.read(dir)).hasMessageContaining("is not <osname>-<checksum>.<serial>");
    }

    @Test
    void names_the_missing_or_broken_file() throws Exception {
        assertThatThrownBy(() -> SeedMetadata.read(dir)).hasMessage(
            "seed image has no manifest.json at its root; rebuild it with a current lca-cli");
        write("rhcos-" + CSUM + ".0", "", false);
        Files.writeString(dir.resolve("mco-currentconfig.json"), "{nope");
        assertThatThrownBy(() -> SeedMetadata.read(dir)).hasMessageStartingWith("seed image's mco-currentconfig.json is not valid JSON");
        assertThat(List.of()).isEmpty();
    }
}
