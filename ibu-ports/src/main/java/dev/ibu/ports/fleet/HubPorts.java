package dev.ibu.ports.fleet;

import dev.ibu.ports.out.ClockPort;

import java.util.Objects;

/** Everything the hub engine talks to. */
public record HubPorts(IbguStorePort store, ManagedClustersPort clusters, SpokeWorksPort works,
                       HubEventsPort events, ClockPort clock) {
    public HubPorts {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(works, "works");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
    }
}
