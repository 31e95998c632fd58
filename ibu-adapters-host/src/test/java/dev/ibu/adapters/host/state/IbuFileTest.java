package dev.ibu.adapters.host.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.testing.TestIbus;
import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.PortFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ibu.json} is the CR as the one codec encodes it, the same text the k8s adapter sends. */
class IbuFileTest {
    private static final String SR = "rhcos_4.16.0";

    @TempDir
    Path tmp;

    private StateStoreAdapter store() {
        return new StateStoreAdapter(HostLayout.forSysroot(tmp, tmp.resolve("w")));
    }

    private Path file() {
        return tmp.resolve("ostree/deploy/" + SR + "/var/" + StateStoreAdapter.IBU_FILE);
    }

    @Test
    void the_saved_bytes_are_the_codec_encoding_of_the_cr() throws IOException {
        for (ImageBasedUpgrade ibu : java.util.List.of(TestIbus.sample(), ImageBasedUpgrade.fresh())) {
            store().saveIbu(SR, ibu).get();

            assertThat(Files.readAllBytes(file())).isEqualTo(IbuCodec.toJson(ibu).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The agent of the new release reads what the old one saved before the pivot. */
    @Test
    void reads_ibu_json_as_the_state_store_wrote_it_before_the_codec() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), resource("ibu-json-before-the-codec.json"));
        assertThat(store().loadIbu(SR).get().get()).isEqualTo(TestIbus.sample());

        Files.writeString(file(), resource("ibu-json-fresh-before-the-codec.json"));
        assertThat(store().loadIbu(SR).get().get()).isEqualTo(ImageBasedUpgrade.fresh());
    }

    @Test
    void a_damaged_file_is_invalid_naming_the_file_and_the_field() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"kind\":\"ImageBasedUpgrade\",\"spec\":{\"stage\":\"prep\"}}");

        PortFailure failure = store().loadIbu(SR).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Invalid.class);
        assertThat(failure.message()).isEqualTo("failed to read the IBU saved in stateroot " + SR + ": "
                + "lib/lca/ibu.json: spec.stage \"prep\" is not a stage; use one of Idle, Prep, Upgrade, Rollback "
                + "(case-sensitive)");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = IbuFileTest.class.getResourceAsStream("/state/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
