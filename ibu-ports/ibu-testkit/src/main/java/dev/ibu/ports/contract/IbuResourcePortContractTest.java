package dev.ibu.ports.contract;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.domain.Status;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link IbuResourcePort} does, with the API server's semantics: a new resourceVersion on every write,
 * generation moved by spec changes only, Conflict for a stale status write and for a second create.
 */
public abstract class IbuResourcePortContractTest {

    /** Fresh for each test: no {@code upgrade} resource yet. */
    public interface Fixture {
        IbuResourcePort port();

        /** The user changes {@code spec.stage} (as {@code oc patch} would), behind the port's back. */
        void userPatchesSpecStage(Stage stage);
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private IbuResourcePort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    private ImageBasedUpgrade created() {
        return port.create(ImageBasedUpgrade.fresh()).get();
    }

    private ImageBasedUpgrade current() {
        return port.read().get().get();
    }

    private static ImageBasedUpgrade withObservedGeneration(ImageBasedUpgrade ibu, long g) {
        return ibu.withStatus(ibu.status().withObservedGeneration(g));
    }

    @Test
    void read_when_absent_is_none() {
        assertThat(port.read().get()).isEqualTo(Option.none());
    }

    @Test
    void create_returns_the_stored_object_at_generation_1_with_a_resource_version() {
        ImageBasedUpgrade c = created();

        assertThat(c.generation()).isEqualTo(1);
        assertThat(c.metadata().resourceVersion()).isNotEmpty();
        assertThat(c.spec()).isEqualTo(ImageBasedUpgrade.fresh().spec());
        assertThat(current()).isEqualTo(c);
    }

    @Test
    void create_ignores_the_given_resource_version_and_keeps_spec_annotations_and_status() {
        ImageBasedUpgrade saved = Samples.upgradingIbu();
        ImageBasedUpgrade fromState = saved.withMetadata(saved.metadata().withResourceVersion("424242"));

        ImageBasedUpgrade c = port.create(fromState).get();

        assertThat(c.generation()).isEqualTo(1);
        assertThat(c.spec()).isEqualTo(saved.spec());
        assertThat(c.metadata().annotations()).isEqualTo(saved.metadata().annotations());
        assertThat(c.status()).isEqualTo(saved.status());
        assertThat(current()).isEqualTo(c);
    }

    @Test
    void create_when_it_exists_is_a_conflict() {
        created();

        Either<PortFailure, ImageBasedUpgrade> again = port.create(ImageBasedUpgrade.fresh());

        assertThat(again.isLeft()).isTrue();
        assertThat(again.getLeft()).isInstanceOf(PortFailure.Conflict.class);
    }

    @Test
    void write_status_stores_the_status_with_a_new_resource_version_and_leaves_spec_and_generation() {
        ImageBasedUpgrade c = created();

        ImageBasedUpgrade w = port.writeStatus(withObservedGeneration(c, 1)).get();

        assertThat(w.status().observedGeneration()).isEqualTo(1);
        assertThat(w.metadata().resourceVersion()).isNotEqualTo(c.metadata().resourceVersion());
        assertThat(w.generation()).isEqualTo(c.generation());
        assertThat(w.spec()).isEqualTo(c.spec());
        assertThat(current()).isEqualTo(w);
    }

    @Test
    void write_status_ignores_spec_changes_in_the_written_object() {
        ImageBasedUpgrade c = created();

        ImageBasedUpgrade w = port.writeStatus(c.withSpec(c.spec().withStage(Stage.PREP))).get();

        assertThat(w.spec().stage()).isEqualTo(Stage.IDLE);
        assertThat(current().spec().stage()).isEqualTo(Stage.IDLE);
    }

    @Test
    void a_rich_status_round_trips() {
        ImageBasedUpgrade c = created();
        Status rich = Samples.upgradingIbu().status();

        ImageBasedUpgrade w = port.writeStatus(c.withStatus(rich)).get();

        assertThat(w.status()).isEqualTo(rich);
        assertThat(current().status()).isEqualTo(rich);
    }

    @Test
    void write_status_with_a_stale_resource_version_is_a_conflict_and_changes_nothing() {
        ImageBasedUpgrade c = created();
        ImageBasedUpgrade w = port.writeStatus(withObservedGeneration(c, 1)).get();

        Either<PortFailure, ImageBasedUpgrade> stale = port.writeStatus(withObservedGeneration(c, 7));

        assertThat(stale.isLeft()).isTrue();
        assertThat(stale.getLeft()).isInstanceOf(PortFailure.Conflict.class);
        assertThat(current()).isEqualTo(w);
    }

    @Test
    void a_user_spec_change_bumps_the_generation_and_makes_what_was_read_stale() {
        ImageBasedUpgrade c = created();

        f.userPatchesSpecStage(Stage.PREP);

        ImageBasedUpgrade after = current();
        assertThat(after.generation()).isEqualTo(c.generation() + 1);
        assertThat(after.spec().stage()).isEqualTo(Stage.PREP);
        assertThat(port.writeStatus(withObservedGeneration(c, 1)).getLeft()).isInstanceOf(PortFailure.Conflict.class);
    }

    @Test
    void status_and_annotation_writes_do_not_bump_the_generation() {
        ImageBasedUpgrade c = created();

        port.writeStatus(withObservedGeneration(c, 1));
        port.setAnnotation("lca.openshift.io/trigger-reconcile", Option.some("1"));

        assertThat(current().generation()).isEqualTo(c.generation());
    }

    @Test
    void set_annotation_adds_then_removes_it() {
        created();

        ImageBasedUpgrade added = port.setAnnotation("lca.openshift.io/manual-cleanup-done", Option.some("")).get();
        assertThat(added.metadata().annotations().get("lca.openshift.io/manual-cleanup-done"))
                .isEqualTo(Option.some(""));

        ImageBasedUpgrade removed = port.setAnnotation("lca.openshift.io/manual-cleanup-done", Option.none()).get();
        assertThat(removed.metadata().hasAnnotation("lca.openshift.io/manual-cleanup-done")).isFalse();
        assertThat(current().metadata().hasAnnotation("lca.openshift.io/manual-cleanup-done")).isFalse();
    }

    @Test
    void removing_an_absent_annotation_succeeds() {
        created();

        assertThat(port.setAnnotation("not-there", Option.none()).isRight()).isTrue();
    }

    @Test
    void an_annotation_write_makes_a_status_write_read_before_it_stale() {
        ImageBasedUpgrade c = created();

        port.setAnnotation("x", Option.some("y"));

        assertThat(port.writeStatus(c).getLeft()).isInstanceOf(PortFailure.Conflict.class);
    }

    @Test
    void delete_then_read_is_none_and_create_starts_again_at_generation_1() {
        created();
        f.userPatchesSpecStage(Stage.PREP);

        assertThat(port.delete().isRight()).isTrue();
        assertThat(port.read().get()).isEqualTo(Option.none());

        assertThat(created().generation()).isEqualTo(1);
    }
}
