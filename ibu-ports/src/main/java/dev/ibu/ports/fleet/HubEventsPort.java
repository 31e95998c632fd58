package dev.ibu.ports.fleet;

import dev.ibu.ports.out.EventPort;

/** Kubernetes Events on an IBGU. Best effort: an event that cannot be written is only logged. */
public interface HubEventsPort {
    void emit(IbguRef ibgu, EventPort.Type type, String reason, String message);
}
