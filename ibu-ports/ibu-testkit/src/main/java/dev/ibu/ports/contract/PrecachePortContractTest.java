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

/** What every {@link PrecachePort} does: a background job, started once, with counts, forgotten by cleanup. */
public abstract class PrecachePortContractTest {

    public interface Fixture {
        PrecachePort port();

        /** A stateroot set up from a seed, whose images (if any) precache pulls. */
        String stateroot();

        /** Images the registry has, to pass as extra images. */
        List<String> extraImages();

        void advance();

        default int rounds() {
            return 100;
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
}
