package dev.ibu.ports.testkit.fleet;

import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.EventPort;

/** An Event the hub emitted on an IBGU. */
public record HubEvent(IbguRef ibgu, EventPort.Type type, String reason, String message) {
}
