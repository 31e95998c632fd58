package dev.ibu.agent.archfixtures;

import java.time.Clock;
import java.util.function.Supplier;

/** Test-only, deliberately bad: a method reference to the system clock is a read of it too. */
public final class AgentReferencesTheSystemClock {
    public Supplier<Clock> clock() {
        return Clock::systemUTC;
    }
}
