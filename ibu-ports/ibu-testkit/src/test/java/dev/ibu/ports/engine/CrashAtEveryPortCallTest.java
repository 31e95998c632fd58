package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.testkit.TestWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Issue 11: the agent killed at every port call of the main scenarios loses nothing. For each scenario
 * ({@link CrashScenario}) and each mode ({@link CrashPlan.Mode}: before the call, after its effect, power loss), the
 * agent dies at call N for every N from 1 to the number of calls of the uninterrupted run (exhaustive and
 * deterministic); a fresh agent carries on on the same world, and the run must reach the uninterrupted run's end
 * state ({@link EndState}) with the invariants ({@link CrashInvariants}) holding after every call. Then two kills
 * per run at a sample of (N, M) pairs. Each point that is wrong is named with its scenario, mode, N, call and diff.
 */
class CrashAtEveryPortCallTest {
    /** Second kills, counted in calls after the first one (the fresh agent's start-up included). */
    static final int[] SECOND_KILL_AFTER = {1, 2, 3, 5, 8, 13, 21, 34, 55};
    /** About what a fresh agent's start-up adds to a run (a second kill may land on those calls too). */
    static final int STARTUP_CALLS = 5;
    /** First kills of a pair: this many, spread evenly over the scenario's calls. */
    static final int FIRST_KILLS_PER_SCENARIO = 12;

    private static ch.qos.logback.classic.Level engineLevel;

    /** Thousands of runs: only the engine's errors are logged while the suite runs. */
    @BeforeAll
    static void quiet() {
        var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.ibu.ports");
        engineLevel = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    @AfterAll
    static void loud() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.ibu.ports")).setLevel(engineLevel);
    }

    @Test
    void the_uninterrupted_runs_end_where_each_scenario_says() {
        String original = TestWorld.fresh().host().bootedStateroot();
        String newSr = TestWorld.fresh().newStateroot();
        for (CrashScenario s : CrashScenario.values()) {
            EndState end = CrashPoints.reference(s, UnaryOperator.identity()).end();
            String last = lastCondition(end);
            String stateroots = end.fields().get("stateroots");
            switch (s) {
                case PREP:
                    assertThat(last).as(s.title).startsWith("PrepCompleted True Completed");
                    assertThat(stateroots).as(s.title).isEqualTo(original + " " + newSr);
                    break;
                case UPGRADE:
                case FINALIZE_FAILED:
                    assertThat(end.fields().get("conditions")).as(s.title).isEqualTo("Idle True Idle \"Idle\"");
                    assertThat(stateroots).as(s.title).isEqualTo(newSr);
                    assertThat(end.fields().get("annotations")).as(s.title)
                            .doesNotContain("manual-cleanup-done");
                    assertThat(end.fields().get("applied manifests")).as(s.title)
                            .isEqualTo("ConfigMap default/app-config, ConfigMap default/app-settings");
                    assertThat(end.fields().get("restores")).as(s.title).isEqualTo("{apps=Completed}");
                    break;
                case AUTO_ROLLBACK:
                    assertThat(end.fields().get("conditions")).as(s.title).isEqualTo("Idle True Idle \"Idle\"");
                    assertThat(stateroots).as(s.title).isEqualTo(original);
                    assertThat(end.fields().get("restores")).as(s.title).isEqualTo("{apps=Failed}");
                    break;
                default:
                    assertThat(end.fields().get("conditions")).as(s.title).isEqualTo("Idle True Idle \"Idle\"");
                    assertThat(stateroots).as(s.title).isEqualTo(original);
            }
        }
    }

    @Test
    void a_kill_at_any_single_port_call_reaches_the_uninterrupted_end_state() {
        long start = System.nanoTime();
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("crash points per scenario and mode (N = 1..calls of the "
                + "uninterrupted run):\n");
        int total = 0;
        for (CrashScenario s : CrashScenario.values()) {
            CrashPoints.Reference ref = CrashPoints.reference(s, UnaryOperator.identity());
            for (CrashPlan.Mode mode : CrashPlan.Mode.values()) {
                int points = 0;
                int wrongHere = 0;
                int recovered = 0;
                for (int n = 1; n <= ref.calls().size(); n++) {
                    CrashPoints.Verdict v = CrashPoints.judge(ref, List.of(new CrashPlan.Kill(mode, n)),
                            UnaryOperator.identity());
                    points++;
                    recovered += v.recoveries() > 0 ? 1 : 0;
                    if (mode == CrashPlan.Mode.POWER_LOSS && v.startRetries() == 0 && v.wrong().isEmpty()) {
                        wrong.add(s + " " + mode + " N=" + n + ": the API server was up at once after the power "
                                + "loss: the model was not applied");
                    }
                    if (v.wrong().isPresent() || !v.allFired()) {
                        wrongHere++;
                        wrong.add(v.wrong().orElse(s + " " + mode + " N=" + n + ": the kill never fired"));
                    }
                }
                total += points;
                table.append(String.format("  %-16s %-13s points %4d  wrong %d%s%n", s, mode, points, wrongHere,
                        recovered > 0 ? "  (Prep interrupted by the reboot, restarted by the admin: " + recovered
                                + ")" : ""));
            }
        }
        table.append(String.format("  total %d points, %d wrong, in %.1f s%n", total, wrong.size(),
                (System.nanoTime() - start) / 1e9));
        System.out.print(table);
        assertThat(wrong).as(table + "\nwrong points (first 10 of " + wrong.size() + "):\n"
                + String.join("\n\n", wrong.subList(0, Math.min(10, wrong.size())))).isEmpty();
    }

    @Test
    void two_kills_in_one_run_at_sampled_pairs_reach_the_uninterrupted_end_state() {
        long start = System.nanoTime();
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("double crash points (first kill at evenly spread N, second M "
                + "calls later, M in " + java.util.Arrays.toString(SECOND_KILL_AFTER) + " up to the run's end; modes "
                + "cycled over the 9 pairs):\n");
        CrashPlan.Mode[] modes = CrashPlan.Mode.values();
        int total = 0;
        for (CrashScenario s : CrashScenario.values()) {
            CrashPoints.Reference ref = CrashPoints.reference(s, UnaryOperator.identity());
            int calls = ref.calls().size();
            int points = 0;
            int late = 0;
            int pair = 0;
            for (int i = 0; i < FIRST_KILLS_PER_SCENARIO; i++) {
                int n = 1 + (int) ((long) i * (calls - 1) / (FIRST_KILLS_PER_SCENARIO - 1));
                for (int m : SECOND_KILL_AFTER) {
                    if (m > calls - n + STARTUP_CALLS) {
                        continue;  // past the end of the run: the second kill could not fire
                    }
                    CrashPlan.Mode first = modes[pair % modes.length];
                    CrashPlan.Mode second = modes[(pair / modes.length) % modes.length];
                    pair++;
                    CrashPoints.Verdict v = CrashPoints.judge(ref, List.of(new CrashPlan.Kill(first, n),
                            new CrashPlan.Kill(second, m)), UnaryOperator.identity());
                    v.wrong().ifPresent(wrong::add);
                    if (v.allFired()) {
                        points++;
                    } else {
                        late++;  // the run ended before the second kill: judged, but not a double point
                    }
                }
            }
            total += points;
            table.append(String.format("  %-16s points %4d (and %d pairs whose run ended before the second kill)%n",
                    s, points, late));
        }
        table.append(String.format("  total %d points, %d wrong, in %.1f s%n", total, wrong.size(),
                (System.nanoTime() - start) / 1e9));
        System.out.print(table);
        assertThat(wrong).as(table + "\nwrong points (first 10 of " + wrong.size() + "):\n"
                + String.join("\n\n", wrong.subList(0, Math.min(10, wrong.size())))).isEmpty();
    }

    static String lastCondition(EndState end) {
        String all = end.fields().getOrDefault("conditions", "");
        return all.substring(all.lastIndexOf('\n') + 1);
    }
}
