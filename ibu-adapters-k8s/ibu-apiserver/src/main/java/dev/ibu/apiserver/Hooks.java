package dev.ibu.apiserver;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test hooks of one server: audit listeners, and injected faults in the order they were added. Thread-safe. */
public final class Hooks {
    private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    void addListener(Consumer<AuditEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<AuditEvent> listener) {
        listeners.remove(listener);
    }

    void inject(Fault fault) {
        faults.add(fault);
    }

    void remove(Fault fault) {
        faults.remove(fault);
    }

    void clear() {
        faults.clear();
    }

    /** Tells every listener; a listener's exception is the test's bug, so it propagates as a 500. */
    public void audit(AuditEvent event) {
        listeners.forEach(l -> l.accept(event));
    }

    /** The first fault that claims the request, spent ones dropped. */
    public Optional<Fault> fault(AuditEvent request) {
        for (Fault f : faults) {
            if (f.claim(request)) {
                if (f.remaining() == 0) {
                    faults.remove(f);
                }
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
