package dev.ibu.kubectl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/** Client failures as sentences that name the cause and the fix. */
final class ApiProblems {
    static final String RESOURCE = "imagebasedupgrades.lca.openshift.io";

    private ApiProblems() {
    }

    static PluginError of(KubernetesClientException e, String server, String verbs) {
        int code = e.getCode();
        String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : firstLine(e.getMessage());
        if (code == 401) {
            return new PluginError("the API server at " + server + " rejected the kubeconfig's credentials (401 "
                    + "Unauthorized): log in again (oc login) or fix the user of the context");
        }
        if (code == 403) {
            return new PluginError("forbidden: " + said + ": kubectl ibu needs " + verbs + " on " + RESOURCE
                    + " (cluster-scoped); ask a cluster admin for a ClusterRole with these verbs bound to you");
        }
        if (code == 0 || hasIoCause(e)) {
            return new PluginError("cannot reach the API server at " + server + ": " + rootMessage(e)
                    + ": check that the cluster is up and the server of the context "
                    + "(kubectl config view --minify)");
        }
        return new PluginError("the API server at " + server + " answered " + code + ": " + said);
    }

    static PluginError notFound(String name, String server) {
        return new PluginError("no ImageBasedUpgrade named \"" + name + "\" on " + server + ": the Lifecycle Agent "
                + "creates \"upgrade\" when it starts; check the context (--context), or pass --name");
    }

    static PluginError notServed(String server) {
        return new PluginError("the API server at " + server + " does not serve " + RESOURCE + ": the Lifecycle "
                + "Agent is not installed on this cluster (install the operator, or pick another --context)");
    }

    private static boolean hasIoCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : " (" + firstLine(m) + ")");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
