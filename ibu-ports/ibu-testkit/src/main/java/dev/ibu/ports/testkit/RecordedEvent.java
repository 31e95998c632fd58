package dev.ibu.ports.testkit;

import dev.ibu.ports.out.EventPort;

/** An event the in-memory cluster recorded. */
public record RecordedEvent(EventPort.Type type, String reason, String message) {
}
