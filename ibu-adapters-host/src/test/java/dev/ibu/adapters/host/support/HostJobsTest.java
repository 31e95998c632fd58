package dev.ibu.adapters.host.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostJobsTest {

    @TempDir
    Path dir;

    private static final HostJobs.Resumer NO_RESUME = r -> {
        throw new AssertionError("nothing should be resumed");
    };

    private static JobState awaitEnd(HostJobs jobs, String key, HostJobs.Resumer resumer) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            JobState s = jobs.state(key, resumer);
            if (!(s instanceof JobState.Running)) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + key + " never ended");
    }

    @Test
    void success_and_failure_survive_a_restart_and_starting_again_is_a_no_op() throws Exception {
        try (HostJobs jobs = new HostJobs(dir, "test")) {
            assertThat(jobs.start("ok", "{}", c -> c.progress("working"))).isTrue();
            assertThat(awaitEnd(jobs, "ok", NO_RESUME)).isEqualTo(new JobState.Succeeded());
            assertThat(jobs.start("ok", "{}", c -> { })).as("no-op after success").isFalse();
            jobs.start("bad", "{\"secret\":\"hunter2\"}", c -> {
                throw new IllegalStateException("disk on fire; put it out");
            });
            assertThat(awaitEnd(jobs, "bad", NO_RESUME)).isEqualTo(new JobState.Failed("disk on fire; put it out"));
        }
        try (HostJobs restarted = new HostJobs(dir, "test")) {
            assertThat(restarted.state("ok", NO_RESUME)).isEqualTo(new JobState.Succeeded());
            assertThat(restarted.state("bad", NO_RESUME)).isEqualTo(new JobState.Failed("disk on fire; put it out"));
            assertThat(restarted.state("never", NO_RESUME)).isEqualTo(new JobState.NotStarted());
            restarted.forget("ok");
            assertThat(restarted.state("ok")).isEqualTo(new JobState.NotStarted());
        }
        assertThat(Files.readString(dir.resolve("ibu-test-bad.json"))).as("the request is dropped when the job ends")
            .doesNotContain("request").doesNotContain("hunter2");
    }

    @Test
    void a_job_whose_runner_was_stopped_reads_running_and_the_next_agent_resumes_it_from_its_request() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        HostJobs first = new HostJobs(dir, "test");
        first.start("slow", "the request", c -> {
            c.markDone("step-1");
            hold.await();
        });
        for (int i = 0; i < 500 && !Files.readString(dir.resolve("ibu-test-slow.json")).contains("step-1"); i++) {
            Thread.sleep(10);
        }
        first.close(); // the agent stops: nothing is recorded
        assertThat(first.state("slow")).isInstanceOf(JobState.Running.class);

        try (HostJobs second = new HostJobs(dir, "test")) {
            JobState resumed = second.state("slow", request -> c -> {
                seen.add(request + " resumed=" + c.resumed() + " done=" + c.done());
                c.progress("again");
            });
            assertThat(resumed).isInstanceOf(JobState.Running.class);
            assertThat(awaitEnd(second, "slow", NO_RESUME)).isEqualTo(new JobState.Succeeded());
            assertThat(seen).containsExactly("the request resumed=true done=[step-1]");
            assertThat(second.runners("slow")).isEqualTo(2);
        }
        hold.countDown();
    }

    @Test
    void a_running_job_of_this_agent_is_never_resumed_twice() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (HostJobs jobs = new HostJobs(dir, "test")) {
            jobs.start("slow", "r", c -> hold.await());
            assertThat(jobs.start("slow", "r", c -> { })).as("no-op while running").isFalse();
            assertThat(jobs.state("slow", NO_RESUME)).isInstanceOf(JobState.Running.class);
            try (HostJobs sameProcessOtherInstance = new HostJobs(dir, "test")) {
                assertThat(sameProcessOtherInstance.state("slow", NO_RESUME)).as("its lock is held")
                    .isInstanceOf(JobState.Running.class);
            }
            hold.countDown();
            assertThat(awaitEnd(jobs, "slow", NO_RESUME)).isEqualTo(new JobState.Succeeded());
            assertThat(jobs.runners("slow")).isEqualTo(1);
        }
    }

    @Test
    void the_launch_call_resumes_a_job_whose_runner_died_with_the_new_work() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        HostJobs first = new HostJobs(dir, "test");
        first.start("job", "old", c -> hold.await());
        first.stopRunners();
        try (HostJobs second = new HostJobs(dir, "test")) {
            List<Boolean> resumed = new CopyOnWriteArrayList<>();
            assertThat(second.start("job", "new", c -> resumed.add(c.resumed()))).isTrue();
            assertThat(awaitEnd(second, "job", NO_RESUME)).isEqualTo(new JobState.Succeeded());
            assertThat(resumed).containsExactly(true);
        }
        hold.countDown();
    }

    @Test
    void a_record_without_a_request_cannot_be_resumed_and_fails_saying_what_to_do() throws Exception {
        Files.writeString(dir.resolve("ibu-test-old.json"), "{\"state\":\"Running\",\"message\":\"\"}");
        try (HostJobs jobs = new HostJobs(dir, "test")) {
            JobState s = jobs.state("old", r -> c -> { });
            assertThat(s).isInstanceOf(JobState.Failed.class);
            assertThat(((JobState.Failed) s).message()).contains("cannot be resumed").contains("start Prep again");
        }
    }

    @Test
    void forget_stops_the_runner_so_it_records_nothing_after() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (HostJobs jobs = new HostJobs(dir, "test")) {
            jobs.start("job", "r", c -> {
                hold.await();
                c.progress("too late");
            });
            jobs.forget("job"); // returns once the runner has ended
            hold.countDown();
            assertThat(jobs.state("job")).isEqualTo(new JobState.NotStarted());
            assertThat(dir.resolve("ibu-test-job.json")).doesNotExist();
        }
    }

    @Test
    void a_job_that_ran_when_the_node_rebooted_fails_instead_of_resuming() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        HostJobs before = new HostJobs(dir, "test", () -> "boot-1");
        before.start("job", "r", c -> hold.await());
        before.stopRunners();
        try (HostJobs sameBoot = new HostJobs(dir, "test", () -> "boot-1")) {
            assertThat(sameBoot.state("job")).isInstanceOf(JobState.Running.class);
        }
        try (HostJobs afterReboot = new HostJobs(dir, "test", () -> "boot-2")) {
            JobState s = afterReboot.state("job", NO_RESUME);
            assertThat(s).isEqualTo(new JobState.Failed("test was interrupted by a reboot of the node; move to Idle to "
                + "abort, then start Prep again"));
            assertThat(afterReboot.start("job", "r", c -> { })).as("a failed job starts over").isTrue();
            assertThat(awaitEnd(afterReboot, "job", NO_RESUME)).isEqualTo(new JobState.Succeeded());
        }
        hold.countDown();
    }

    @Test
    void the_boot_id_is_the_kernels() {
        assertThat(HostJobs.kernelBootId()).matches("[0-9a-f-]{36}");
    }
}
