package dev.ibu.ports.testkit.fleet;

import dev.ibu.domain.fleet.Action;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/**
 * How a simulated spoke answers each action: after how many ticks, and whether it fails (with its IBU's message) or
 * never finishes.
 */
public record SpokeScript(int ticks, Map<Action, String> failures, Map<Action, Boolean> hangs) {
    public SpokeScript {
        failures = failures == null ? HashMap.empty() : failures;
        hangs = hangs == null ? HashMap.empty() : hangs;
        if (ticks < 1) {
            throw new IllegalArgumentException("a spoke needs at least one tick per action");
        }
    }

    public static SpokeScript ok(int ticks) {
        return new SpokeScript(ticks, HashMap.empty(), HashMap.empty());
    }

    public SpokeScript failsAt(Action a, String message) {
        return new SpokeScript(ticks, failures.put(a, message), hangs);
    }

    public SpokeScript hangsAt(Action a) {
        return new SpokeScript(ticks, failures, hangs.put(a, true));
    }

    Option<String> failure(Action a) {
        return failures.get(a);
    }

    boolean hangs(Action a) {
        return hangs.get(a).getOrElse(false);
    }
}
