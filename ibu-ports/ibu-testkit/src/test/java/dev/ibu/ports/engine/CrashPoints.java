package dev.ibu.ports.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Runs one kill point (or a pair) of a scenario and judges it against the uninterrupted run: the same state after
 * each step of the script (where the uninterrupted run has no reboot pending), the invariants after every call, the
 * first planned kill fired, and no recovery unless the power was lost.
 */
final class CrashPoints {
    private CrashPoints() {
    }

    /** The uninterrupted run: its end state and the name of each port call of the script, call 1 first. */
    record Reference(CrashScenario scenario, List<EndState> checkpoints, List<String> calls, CrashRun run) {
        EndState end() {
            return checkpoints.get(checkpoints.size() - 1);
        }

        String call(int n) {
            return n >= 1 && n <= calls.size() ? calls.get(n - 1) : "call " + n + " (after the last)";
        }
    }

    static Reference reference(CrashScenario s, UnaryOperator<EnginePorts> mutant) {
        CrashRun run = new CrashRun(s, CrashPlan::uninterrupted, mutant);
        List<EndState> checkpoints = run.play();
        return new Reference(s, checkpoints, List.copyOf(run.plan.calls()), run);
    }

    /** A judged point: what is wrong (empty when right), and how many recoveries the administrator made. */
    record Verdict(Optional<String> wrong, int recoveries, boolean allFired, int startRetries) {
    }

    /** Judges a point; what is wrong names the scenario, the kills, the calls and the diff. */
    static Verdict judge(Reference ref, List<CrashPlan.Kill> kills, UnaryOperator<EnginePorts> mutant) {
        CrashRun run = new CrashRun(ref.scenario(), check -> CrashPlan.killing(kills, check), mutant);
        String what = ref.scenario() + " (" + ref.scenario().title + "), kills " + kills + " (first at "
                + ref.call(kills.get(0).at()) + ")";
        try {
            List<EndState> checkpoints = run.play();
            if (run.plan.firedAt().isEmpty()) {
                return wrong(what + ": the kill never fired", run);
            }
            boolean powerLost = kills.stream().anyMatch(k -> k.mode() == CrashPlan.Mode.POWER_LOSS);
            if (run.recoveries > 0 && !powerLost) {
                return wrong(what + ": an agent restart failed Prep (the administrator had to start it again); "
                        + "run: " + run.log(), run);
            }
            for (int i = 0; i < checkpoints.size(); i++) {
                EndState want = ref.checkpoints().get(i);
                List<String> diff = want == null ? List.of() : want.diff(checkpoints.get(i) == null
                        ? new EndState(java.util.Map.of("reboot", "pending")) : checkpoints.get(i));
                if (!diff.isEmpty()) {
                    return wrong(what + ": after step " + (i + 1) + " '" + ref.scenario().script.get(i) + "' the "
                            + "state differs from the uninterrupted run's:\n  " + String.join("\n  ", diff)
                            + "\n  kills at " + run.plan.firedAt() + "; run: " + run.log(), run);
                }
            }
            return new Verdict(Optional.empty(), run.recoveries, run.plan.allFired(), run.startRetries);
        } catch (AssertionError | RuntimeException e) {
            return wrong(what + ": " + e + "\n  kills at " + run.plan.firedAt() + "; run: " + run.log(), run);
        }
    }

    private static Verdict wrong(String message, CrashRun run) {
        return new Verdict(Optional.of(message), run.recoveries, run.plan.allFired(), run.startRetries);
    }
}
