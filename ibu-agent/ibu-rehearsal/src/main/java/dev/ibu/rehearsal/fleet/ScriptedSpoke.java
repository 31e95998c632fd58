package dev.ibu.rehearsal.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.Action;
import dev.ibu.ports.testkit.fleet.SimulatedSpoke;
import io.vavr.control.Option;

import java.time.Instant;

/** A spoke whose IBU follows a script (the test kit's SimulatedSpoke): fast, for big fleets. */
final class ScriptedSpoke implements FleetSpoke {
    private final SimulatedSpoke spoke;

    ScriptedSpoke(SimulatedSpoke spoke) {
        this.spoke = spoke;
    }

    @Override
    public void request(Action action, Instant now) {
        spoke.request(action, now);
    }

    @Override
    public void advance(Instant now) {
        spoke.advance(now);
    }

    @Override
    public Conditions conditions() {
        return spoke.conditions();
    }

    @Override
    public Option<Action> action() {
        return spoke.action();
    }
}
