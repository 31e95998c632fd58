package dev.ibu.ports.contract;

import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheProgress;
import dev.ibu.ports.out.PrecacheStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every {@link PrecachePort} does: a background job, started once, with counts, forgotten by cleanup. */
public abstract class PrecachePortContractTest {

    public interface Fixture {
        PrecachePort port();

        /** A stateroot set up from a seed, whose images (if any) precache pulls. */
        String stateroot();

        /** Images the registry has, to pass as extra images. */
        List<String> extraImages();

        /** The images in the seed list of {@link #stateroot()} (precache pulls them too). */
        default List<String> seedImages() {
            return List.empty();
        }

        void advance();

        default int rounds() {
            return 100;
        }

        /**
         * The agent dies at this moment, and with it every job runner that ran inside it (as {@code kill -9} would),
         * and a new agent starts on the same host, storage and registry: returns the new agent's port.
         */
        PrecachePort restartAgent();

        /** Whether {@code image} is in the container storage now. */
        boolean stored(String image);

        /** How many times {@code image} was pulled into the container storage since the fixture was made. */
        int pulls(String image);

        /** An image this world fails to pull (absent from the registry); none if it cannot make one. */
        Option<String> imageThatFails();

        /**
         * An image the registry has only as a manifest list without an entry for the node's CPU architecture; none if
         * this world cannot make one.
         */
        default Option<String> imageWithoutNodeArchitecture() {
            return Option.none();
        }
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private PrecachePort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    private PrecacheStatus awaitFirstPull() {
        return Polling.until(() -> port.status().get(), s -> s.progress().exists(p -> p.pulled() >= 1)
                || !(s.state() instanceof JobState.Running), f::advance, f.rounds());
    }

    /**
     * After the restart the job is never Failed, completes with every image pulled, and pulls none of the images that
     * were already in the storage when the agent died.
     */
    private void assertResumedWithoutPullingAgain() {
        List<String> images = f.seedImages().appendAll(f.extraImages()).distinct();
        List<String> storedAtRestart = images.filter(f::stored);
        List<Integer> pullsAtRestart = storedAtRestart.map(f::pulls);

        restartAgent();

        assertThat(port.status().get().state()).as("the job right after the agent restarted")
                .isInstanceOfAny(JobState.Running.class, JobState.Succeeded.class);
        PrecacheStatus end = runToEnd();
        assertThat(end.state()).isInstanceOf(JobState.Succeeded.class);
        PrecacheProgress p = end.progress().get();
        assertThat(p.pulled()).isEqualTo(p.total());
        assertThat(p.failed()).isZero();
        assertThat(images).allMatch(f::stored);
        assertThat(storedAtRestart.map(f::pulls)).as("pulls of the images stored before the restart")
                .isEqualTo(pullsAtRestart);
    }

    private void restartAgent() {
        port = f.restartAgent();
    }

    private PrecacheStatus runToEnd() {
        return Polling.until(() -> port.status().get(), s -> !(s.state() instanceof JobState.Running), f::advance,
                f.rounds());
    }

    @Test
    void before_start_there_is_no_job() {
        assertThat(port.status().get().state()).isInstanceOf(JobState.NotStarted.class);
    }

    @Test
    void the_job_pulls_every_image_and_reports_the_counts() {
        assertThat(port.start(f.stateroot(), f.extraImages(), Option.none()).isRight()).isTrue();

        PrecacheStatus end = runToEnd();

        assertThat(end.state()).isInstanceOf(JobState.Succeeded.class);
        PrecacheProgress p = end.progress().get();
        assertThat(p.total()).isGreaterThanOrEqualTo(f.extraImages().size());
        assertThat(p.pulled()).isEqualTo(p.total());
        assertThat(p.failed()).isZero();
    }

    @Test
    void an_image_without_the_nodes_architecture_is_skipped_and_counted_not_failed() {
        Option<String> foreign = f.imageWithoutNodeArchitecture();
        assumeTrue(foreign.isDefined(), "this fixture cannot publish a manifest list without the node's architecture");
        assertThat(port.start(f.stateroot(), f.extraImages().append(foreign.get()), Option.none()).isRight()).isTrue();

        PrecacheStatus end = runToEnd();

        assertThat(end.state()).isInstanceOf(JobState.Succeeded.class);
        PrecacheProgress p = end.progress().get();
        assertThat(p.skipped()).isEqualTo(1);
        assertThat(p.failed()).isZero();
        assertThat(p.pulled()).isEqualTo(p.total() - 1);
        assertThat(p.message()).endsWith(", failed: 0, skipped: 1)");
        assertThat(f.stored(foreign.get())).isFalse();
        assertThat(f.pulls(foreign.get())).isZero();
    }

    @Test
    void starting_again_after_success_is_a_no_op() {
        port.start(f.stateroot(), f.extraImages(), Option.none());
        PrecacheStatus end = runToEnd();

        assertThat(port.start(f.stateroot(), f.extraImages(), Option.none()).isRight()).isTrue();

        assertThat(port.status().get()).isEqualTo(end);
    }

    @Test
    void cleanup_forgets_the_job() {
        port.start(f.stateroot(), f.extraImages(), Option.none());
        runToEnd();

        assertThat(port.cleanup().isRight()).isTrue();

        assertThat(port.status().get().state()).isInstanceOf(JobState.NotStarted.class);
    }

    @Test
    void cleanup_without_a_job_succeeds() {
        assertThat(port.cleanup().isRight()).isTrue();
    }

    // ---- the job outlives the agent --------------------------------------------------------------------------------

    @Test
    void a_precache_survives_an_agent_restart_right_after_its_start() {
        assertThat(port.start(f.stateroot(), f.extraImages(), Option.none()).isRight()).isTrue();

        assertResumedWithoutPullingAgain();
    }

    @Test
    void a_precache_survives_an_agent_restart_after_its_first_pull_and_pulls_only_what_is_missing() {
        assertThat(port.start(f.stateroot(), f.extraImages(), Option.none()).isRight()).isTrue();
        awaitFirstPull();

        assertResumedWithoutPullingAgain();
    }

    @Test
    void starting_precache_again_on_the_new_agent_resumes_the_job_once() {
        assertThat(port.start(f.stateroot(), f.extraImages(), Option.none()).isRight()).isTrue();
        awaitFirstPull();
        restartAgent();

        assertThat(port.start(f.stateroot(), f.extraImages(), Option.none()).isRight()).isTrue();
        PrecacheStatus end = runToEnd();

        assertThat(end.state()).isInstanceOf(JobState.Succeeded.class);
        assertThat(f.seedImages().appendAll(f.extraImages())).allMatch(i -> f.stored(i) && f.pulls(i) <= 2);
    }

    @Test
    void a_succeeded_precache_stays_succeeded_across_a_restart_and_pulls_nothing() {
        port.start(f.stateroot(), f.extraImages(), Option.none());
        PrecacheStatus end = runToEnd();
        List<Integer> pulls = f.extraImages().map(f::pulls);

        restartAgent();

        assertThat(port.status().get()).isEqualTo(end);
        assertThat(port.start(f.stateroot(), f.extraImages(), Option.none()).isRight()).isTrue();
        assertThat(port.status().get()).isEqualTo(end);
        assertThat(f.extraImages().map(f::pulls)).isEqualTo(pulls);
    }

    @Test
    void a_failed_precache_stays_failed_across_a_restart() {
        Option<String> missing = f.imageThatFails();
        assumeTrue(missing.isDefined(), "this fixture cannot make a pull fail");
        port.start(f.stateroot(), f.extraImages().append(missing.get()), Option.none());
        PrecacheStatus end = runToEnd();
        assertThat(end.state()).isInstanceOf(JobState.Failed.class);

        restartAgent();

        assertThat(port.status().get()).isEqualTo(end);
    }
}
