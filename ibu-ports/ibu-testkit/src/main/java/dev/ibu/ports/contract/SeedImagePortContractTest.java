package dev.ibu.ports.contract;

import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.SeedImagePort;
import io.vavr.Tuple2;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every {@link SeedImagePort} does: labels of an existing seed, NotFound for an absent one. */
public abstract class SeedImagePortContractTest {

    public interface Fixture {
        SeedImagePort port();

        /** A public, well-formed seed (format version 4, cluster info label). */
        String publicSeed();

        /** The OCP version {@link #publicSeed()} declares in its cluster info. */
        String publicSeedVersion();

        /** The CPU architectures (GOARCH names) {@link #publicSeed()} is built for: the node's, in these worlds. */
        io.vavr.collection.List<String> publicSeedArchitectures();

        /** An image reference the registry does not have. */
        String absentImage();

        /** A seed that only the given pull secret may read; none if the fixture has no private registry. */
        Option<Tuple2<String, PullSecret>> privateSeed();
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private SeedImagePort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    @Test
    void a_seed_shows_its_format_version_and_cluster_info() {
        SeedImageInfo info = port.inspect(f.publicSeed(), Option.none()).get();

        assertThat(info.formatVersion()).isEqualTo(Option.some(SeedImageInfo.SUPPORTED_FORMAT_VERSION));
        assertThat(info.labels().get(SeedImageInfo.FORMAT_VERSION_LABEL))
                .isEqualTo(Option.some(SeedImageInfo.SUPPORTED_FORMAT_VERSION));
        assertThat(info.labels().containsKey(SeedImageInfo.CLUSTER_INFO_LABEL)).isTrue();
        assertThat(info.clusterInfo().map(c -> c.ocpVersion())).isEqualTo(Option.some(f.publicSeedVersion()));
    }

    @Test
    void a_seed_shows_the_architectures_it_is_built_for_and_the_node_is_one_of_them() {
        SeedImageInfo info = port.inspect(f.publicSeed(), Option.none()).get();
        String node = port.nodeArchitecture().get();

        assertThat(info.architectures()).isEqualTo(f.publicSeedArchitectures());
        assertThat(node).matches("[a-z0-9]+").isIn("amd64", "arm64", "ppc64le", "s390x", "riscv64");
        assertThat(info.architectures().contains(node)).isTrue();
    }

    @Test
    void an_absent_image_is_not_found_and_named() {
        Either<PortFailure, SeedImageInfo> r = port.inspect(f.absentImage(), Option.none());

        assertThat(r.isLeft()).isTrue();
        assertThat(r.getLeft()).isInstanceOf(PortFailure.NotFound.class);
        assertThat(r.getLeft().message()).contains(f.absentImage());
    }

    @Test
    void a_private_seed_needs_its_pull_secret() {
        Option<Tuple2<String, PullSecret>> p = f.privateSeed();
        assumeTrue(p.isDefined(), "this fixture has no private seed");

        Either<PortFailure, SeedImageInfo> without = port.inspect(p.get()._1, Option.none());
        Either<PortFailure, SeedImageInfo> with = port.inspect(p.get()._1, Option.some(p.get()._2));

        assertThat(without.isLeft()).isTrue();
        assertThat(without.getLeft()).isInstanceOfAny(PortFailure.NotFound.class, PortFailure.Invalid.class);
        assertThat(with.isRight()).isTrue();
    }
}
