package dev.ibu.apiserver;

import java.util.List;

/** Who makes a request: a user name and groups, as an authenticator hands them to the authorizer. */
public record Identity(String user, List<String> groups) {
    public static final String AUTHENTICATED = "system:authenticated";

    public Identity {
        groups = List.copyOf(groups);
    }

    /** A cluster administrator: in {@code system:masters}, which Kubernetes lets do everything. */
    public static Identity admin() {
        return new Identity("kubernetes-admin", List.of("system:masters", AUTHENTICATED));
    }

    /** A ServiceAccount, with the groups Kubernetes gives its tokens. */
    public static Identity serviceAccount(String namespace, String name) {
        return new Identity("system:serviceaccount:" + namespace + ":" + name,
                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED));
    }

    /** The agent's ServiceAccount as deployed by deploy/base. */
    public static Identity lifecycleAgent() {
        return serviceAccount("openshift-lifecycle-agent", "lifecycle-agent-controller-manager");
    }

    public static Identity user(String name, String... groups) {
        List<String> all = new java.util.ArrayList<>(List.of(groups));
        all.add(AUTHENTICATED);
        return new Identity(name, all);
    }

    public static Identity anonymous() {
        return new Identity("system:anonymous", List.of("system:unauthenticated"));
    }
}
