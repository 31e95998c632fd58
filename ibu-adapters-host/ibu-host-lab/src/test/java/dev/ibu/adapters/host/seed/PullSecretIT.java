package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.testing.RequireHostTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry that wants credentials: they travel only in a 0600 auth file that is gone afterwards. */
class PullSecretIT {

    private static final String PASSWORD = "s3cr3t-Pa55";
    private LabRegistry registry;
    private Path base;

    @BeforeEach
    void start() throws Exception {
        RequireHostTools.requireRegistry();
        RequireHostTools.require("/usr/bin/python3");
        registry = LabRegistry.startWithAuth("labuser", PASSWORD);
        base = Files.createTempDirectory("pullsecret-it");
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        LabSysroot.deleteTree(base);
    }

    private PullSecret secret(String password) {
        String auth = Base64.getEncoder().encodeToString(("labuser:" + password).getBytes(StandardCharsets.UTF_8));
        return new PullSecret("seed-pull-secret", "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    }

    @Test
    void push_and_inspect_need_the_secret_and_never_leak_it() throws Exception {
        HostLayout layout = HostLayout.forSysroot(base.resolve("sysroot"), base.resolve("work"));
        SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), layout, Set.of(registry.host()), 0);
        String ref = registry.host() + "/lab/seed:4.16.0";
        new SeedImageBuilder(skopeo).buildAndPush(SeedFixture.create(base.resolve("seed"), "4.16.0", List.of(), 1), ref,
            Optional.of(secret(PASSWORD)), base.resolve("build"));
        SeedImageAdapter adapter = new SeedImageAdapter(skopeo, layout);

        PortFailure anonymous = adapter.inspect(ref, Option.none()).getLeft();
        assertThat(anonymous).isInstanceOf(PortFailure.Invalid.class);
        assertThat(anonymous.message()).contains("check spec.seedImageRef.pullSecretRef");

        PortFailure wrong = adapter.inspect(ref, Option.some(secret("wrong-password"))).getLeft();
        assertThat(wrong.message()).doesNotContain("wrong-password").doesNotContain(secret("wrong-password").dockerConfigJson());

        SeedImageInfo info = adapter.inspect(ref, Option.some(secret(PASSWORD))).get();
        assertThat(info.formatVersion()).contains("4");
        try (Stream<Path> left = Files.walk(base.resolve("work"))) {
            assertThat(left.filter(Files::isRegularFile)).as("auth files deleted").isEmpty();
        }
        assertThat(secret(PASSWORD).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void auth_file_is_private_and_deleted_even_when_the_command_fails() throws Exception {
        Path dir = base.resolve("auth");
        Path seen;
        try (AuthFile f = AuthFile.write(Optional.of(secret(PASSWORD)), dir)) {
            seen = f.path().orElseThrow();
            assertThat(Files.getPosixFilePermissions(seen)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            assertThat(Files.getPosixFilePermissions(dir)).hasSize(3);
            throw new IllegalStateException("boom");
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("boom");
        }
        assertThat(dir).isEmptyDirectory();
        try (AuthFile none = AuthFile.write(Optional.empty(), dir)) {
            assertThat(none.path()).isEmpty();
        }
    }
}
