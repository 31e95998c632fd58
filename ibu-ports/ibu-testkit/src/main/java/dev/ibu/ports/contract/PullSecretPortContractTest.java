package dev.ibu.ports.contract;

import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.PullSecretPort;
import io.vavr.control.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PullSecretPort} does. */
public abstract class PullSecretPortContractTest {
    static final String JSON = "{\"auths\":{\"quay.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}";

    public interface Fixture {
        PullSecretPort port();

        /** Creates a Secret of type dockerconfigjson in the agent's namespace. */
        void putPullSecret(String name, String dockerConfigJson);
    }

    protected abstract Fixture newFixture();

    private Fixture f;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
    }

    @Test
    void reads_the_dockerconfigjson_of_the_named_secret() {
        f.putPullSecret("seed-pull-secret", JSON);

        PullSecret s = f.port().read("seed-pull-secret").get();

        assertThat(s.secretName()).isEqualTo("seed-pull-secret");
        assertThat(s.dockerConfigJson()).isEqualTo(JSON);
    }

    @Test
    void a_missing_secret_is_not_found_and_named() {
        Either<PortFailure, PullSecret> r = f.port().read("absent-secret");

        assertThat(r.isLeft()).isTrue();
        assertThat(r.getLeft()).isInstanceOf(PortFailure.NotFound.class);
        assertThat(r.getLeft().message()).contains("absent-secret");
    }

    @Test
    void a_dockerconfigjson_that_is_not_a_json_object_is_invalid_naming_the_secret_and_key_but_not_its_content() {
        String[] bad = {"user:hunter2-not-json", "{\"auths\": {\"quay.io\": ", "[\"hunter2\"]",
            "{\"auths\":{}} hunter2"};
        for (int i = 0; i < bad.length; i++) {
            String name = "bad-pull-secret-" + i;
            f.putPullSecret(name, bad[i]);

            Either<PortFailure, PullSecret> r = f.port().read(name);

            assertThat(r.isLeft()).as(bad[i]).isTrue();
            assertThat(r.getLeft()).isInstanceOf(PortFailure.Invalid.class);
            assertThat(r.getLeft().message()).contains(name).contains(".dockerconfigjson").doesNotContain("hunter2");
        }
    }
}
