package dev.ibu.ports.out;

/** Kubernetes Events on the IBU resource. Best effort: an event that cannot be written is only logged. */
public interface EventPort {
    enum Type { NORMAL, WARNING }

    void emit(Type type, String reason, String message);
}
