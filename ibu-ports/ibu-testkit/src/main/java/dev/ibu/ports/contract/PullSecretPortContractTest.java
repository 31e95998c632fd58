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
}
