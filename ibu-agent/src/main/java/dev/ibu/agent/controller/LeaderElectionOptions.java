package dev.ibu.agent.controller;

import dev.ibu.agent.DurationConverter;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The leader-election timings {@code run} takes, as a picocli mixin; the defaults are upstream's SNO ones. */
public final class LeaderElectionOptions {
    @Option(names = "--leader-elect-lease-duration", converter = DurationConverter.class, defaultValue = "270s",
            paramLabel = "DURATION", description = "How long the Lease lasts without renewal. Default: "
            + "${DEFAULT-VALUE} (single-node OpenShift, as upstream).")
    Duration leaseDuration = LeaderElection.Timings.SNO.leaseDuration();

    @Option(names = "--leader-elect-renew-deadline", converter = DurationConverter.class, defaultValue = "240s",
            paramLabel = "DURATION", description = "How long the leader keeps trying to renew before it gives up "
            + "and stops. Default: ${DEFAULT-VALUE}.")
    Duration renewDeadline = LeaderElection.Timings.SNO.renewDeadline();

    @Option(names = "--leader-elect-retry-period", converter = DurationConverter.class, defaultValue = "60s",
            paramLabel = "DURATION", description = "How often to try to acquire or renew the Lease. Default: "
            + "${DEFAULT-VALUE}.")
    Duration retryPeriod = LeaderElection.Timings.SNO.retryPeriod();

    /** The timings; an {@link IllegalArgumentException} names the options and gives an example. */
    public LeaderElection.Timings timings() {
        return new LeaderElection.Timings(leaseDuration, renewDeadline, retryPeriod);
    }
}
