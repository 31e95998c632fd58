package dev.ibu.adapters.host.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.JobState;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostJobsTest {

    @TempDir
    Path dir;

    private static JobState awaitEnd(HostJobs jobs, String key) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            JobState s = jobs.state(key);
            if (!(s instanceof JobState.Running)) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + key + " never ended");
    }

    @Test
    void success_and_failure_survive_a_restart_and_an_interrupted_run_reads_as_failed() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (HostJobs jobs = new HostJobs(dir, "test")) {
            assertThat(jobs.start("ok", p -> p.accept("working"))).isTrue();
            assertThat(awaitEnd(jobs, "ok")).isEqualTo(new JobState.Succeeded());
            assertThat(jobs.start("ok", p -> { })).as("no-op after success").isFalse();
            jobs.start("bad", p -> {
                throw new IllegalStateException("disk on fire; put it out");
            });
            assertThat(awaitEnd(jobs, "bad")).isEqualTo(new JobState.Failed("disk on fire; put it out"));
            jobs.start("slow", p -> hold.await());
            assertThat(jobs.state("slow")).isInstanceOf(JobState.Running.class);
            assertThat(jobs.start("slow", p -> { })).as("no-op while running").isFalse();
        }
        try (HostJobs restarted = new HostJobs(dir, "test")) {
            assertThat(restarted.state("ok")).isEqualTo(new JobState.Succeeded());
            assertThat(restarted.state("bad")).isEqualTo(new JobState.Failed("disk on fire; put it out"));
            assertThat(restarted.state("slow")).isInstanceOf(JobState.Failed.class);
            assertThat(((JobState.Failed) restarted.state("slow")).message()).contains("was interrupted before it finished");
            assertThat(restarted.state("never")).isEqualTo(new JobState.NotStarted());
            restarted.forget("ok");
            assertThat(restarted.state("ok")).isEqualTo(new JobState.NotStarted());
        } finally {
            hold.countDown();
        }
    }
}
