package dev.ibu.ports.out;

import java.util.List;
import java.util.Optional;

/**
 * How an adapter module offers its ports to {@code java.util.ServiceLoader}: list it in
 * {@code META-INF/services/dev.ibu.ports.out.PortProvider}. The agent (or an embedder) then finds every port on its
 * class path without naming adapter classes; ports given explicitly always win over discovered ones.
 */
public interface PortProvider {
    /** A short name for messages, e.g. {@code k8s}, {@code host}, {@code oadp}. */
    String name();

    /** The port interfaces this provider can build, e.g. {@code StaterootPort.class}. */
    List<Class<?>> ports();

    /**
     * Builds {@code port} from {@code context}; empty when this provider cannot in that context (e.g. no Kubernetes
     * client was shared). Called at most once per port and build.
     */
    <T> Optional<T> create(Class<T> port, PortContext context);

    /** Higher wins when two providers offer the same port. */
    default int priority() {
        return 0;
    }
}
