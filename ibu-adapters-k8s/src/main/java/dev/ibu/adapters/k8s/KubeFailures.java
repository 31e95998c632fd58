package dev.ibu.adapters.k8s;

import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;
import tools.jackson.core.JacksonException;

/**
 * Turns a fabric8 exception into the port's expected-failure vocabulary. {@code what} names the object
 * (e.g. {@code ImageBasedUpgrade upgrade}) so that every message says what it is about.
 */
public final class KubeFailures {
    private KubeFailures() {
    }

    public static PortFailure from(String what, KubernetesClientException e) {
        int code = e.getCode();
        String cause = cause(e);
        if (decodeError(e) != null) {
            return PortFailure.invalid(what + " could not be read: " + decodeError(e).getOriginalMessage()
                    + "; fix the stored object (kubectl edit) so that it matches the CRD");
        }
        if (code == 409) {
            return PortFailure.conflict(what + " changed since it was read (" + cause + "); read it again");
        }
        if (code == 404) {
            return PortFailure.notFound(what + " not found (" + cause + ")");
        }
        if (code == 400 || code == 422) {
            return PortFailure.invalid(what + " was rejected by the API server: " + cause);
        }
        if (code == 401 || code == 403) {
            // RBAC can be fixed while the agent waits: retrying picks the fix up
            return PortFailure.transientFailure(what + ": access denied (" + cause + "); grant the agent's "
                    + "service account the missing permission");
        }
        return PortFailure.transientFailure(what + ": API server request failed (" + cause + "); will retry");
    }

    /** The API server's own message when there is one, else the innermost cause's (fabric8's is generic). */
    public static String cause(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    /** The JSON/YAML decoding error behind a failed read, if that is what it was. */
    static JacksonException decodeError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException) {
                return (JacksonException) t;
            }
        }
        return null;
    }

    public static boolean isNotFound(KubernetesClientException e) {
        return e.getCode() == 404;
    }
}
