package dev.ibu.rehearsal.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.Action;
import io.vavr.control.Option;

import java.time.Instant;

/** One simulated spoke as its work agent drives it: asked for an action, given time, its IBU's conditions read. */
interface FleetSpoke {
    void request(Action action, Instant now);

    void advance(Instant now);

    Conditions conditions();

    Option<Action> action();
}
