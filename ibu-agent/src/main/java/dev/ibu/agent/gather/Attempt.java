package dev.ibu.agent.gather;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** One part of the gather: its failure becomes a note naming the part and why, and the others still run. */
final class Attempt {
    private Attempt() {
    }

    static <T> T of(Output out, String what, Supplier<T> part) {
        try {
            return part.get();
        } catch (UncheckedIOException e) {
            throw e; // the destination is not writable: nothing else can be collected either
        } catch (KubernetesClientException e) {
            out.note(what + ": " + (e.getCode() == 404 ? "not served (the operator or CRD is not installed)"
                    : e.getCode() == 403 ? "forbidden: run must-gather with a cluster-admin kubeconfig"
                    : e.getMessage()));
        } catch (RuntimeException e) {
            out.note(what + ": " + e);
        }
        return null;
    }
}
