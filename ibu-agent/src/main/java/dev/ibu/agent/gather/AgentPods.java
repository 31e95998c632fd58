package dev.ibu.agent.gather;

import dev.ibu.agent.ops.Redactor;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's pods: their YAML, every container's current and previous log, and the node's side (ostree and
 * rpm-ostree status, lsblk, the unbooted stateroot's /var/log) collected by running {@code gather-host -} in the
 * agent's container, which sees the node's root at /host (upstream runs the same commands with {@code oc exec}).
 */
final class AgentPods {
    static final String AGENT_LABEL = "app.kubernetes.io/name";
    static final String AGENT_LABEL_VALUE = "ibu-agent";
    static final String AGENT_CONTAINER = "manager";
    static final String HOST_ARCHIVE = "host.tar.gz";

    private final KubernetesClient client;
    private final Output out;

    AgentPods(KubernetesClient client, Output out) {
        this.client = client;
        this.out = out;
    }

    void collect(String namespace, boolean hostFromPod) {
        List<Pod> pods = Attempt.of(out, "pods in " + namespace, () -> client.pods().inNamespace(namespace)
                .list().getItems());
        if (pods == null) {
            return;
        }
        String dir = "namespaces/" + namespace + "/";
        out.writeList(dir + "pods.yaml", pods.stream().map(this::redacted).toList());
        for (Pod pod : pods) {
            for (Container c : pod.getSpec().getContainers()) {
                logs(namespace, pod.getMetadata().getName(), c.getName(), dir);
            }
        }
        if (!hostFromPod) {
            return;
        }
        Pod agent = pods.stream().filter(p -> AGENT_LABEL_VALUE.equals(p.getMetadata().getLabels() == null ? null
                : p.getMetadata().getLabels().get(AGENT_LABEL)))
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).findFirst()
                .orElse(null);
        if (agent == null) {
            out.note("host (rpm-ostree/ostree status, lsblk, unbooted stateroot logs): no running pod labelled "
                    + AGENT_LABEL + "=" + AGENT_LABEL_VALUE + " in " + namespace + " to run gather-host in; deploy "
                    + "the agent, or run 'gather' inside its container (oc exec ... -c manager -- gather)");
            return;
        }
        host(namespace, agent.getMetadata().getName());
    }

    private void logs(String namespace, String pod, String container, String dir) {
        String base = dir + "pods/" + pod + "/" + container + "/";
        Attempt.of(out, "log of " + namespace + "/" + pod + " container " + container, () -> {
            out.write(base + "current.log", redactLines(client.pods().inNamespace(namespace).withName(pod)
                    .inContainer(container).getLog()));
            return null;
        });
        Attempt.of(out, "previous log of " + namespace + "/" + pod + " container " + container
                + " (none when it never restarted)", () -> {
            out.write(base + "previous.log", redactLines(client.pods().inNamespace(namespace).withName(pod)
                    .inContainer(container).terminated().getLog()));
            return null;
        });
    }

    private void host(String namespace, String pod) {
        Attempt.of(out, "host, through gather-host in " + namespace + "/" + pod + " container " + AGENT_CONTAINER, () -> {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            try (ExecWatch w = client.pods().inNamespace(namespace).withName(pod).inContainer(AGENT_CONTAINER)
                    .writingOutput(stdout).writingError(stderr).exec("/usr/bin/gather-host", "-")) {
                Integer code = w.exitCode().get(10, TimeUnit.MINUTES);
                out.write("host-gather.log", stderr.toByteArray());
                out.write(HOST_ARCHIVE, stdout.toByteArray());
                if (code == null || code != 0) {
                    out.note("host: gather-host in " + pod + " exited with " + code + " (see host-gather.log)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("exec failed or took over 10 minutes: " + e.getMessage(), e);
            }
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> redacted(Pod p) {
        return Redactor.resource(client.getKubernetesSerialization().convertValue(p, Map.class));
    }

    private static String redactLines(String log) {
        StringBuilder sb = new StringBuilder(log.length());
        log.lines().forEach(l -> sb.append(Redactor.text(l)).append('\n'));
        return sb.toString();
    }
}
