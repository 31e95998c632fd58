package dev.ibu.adapters.oadp.kube;

import dev.ibu.apiserver.AgentCluster;
import dev.ibu.apiserver.AuditEvent;
import dev.ibu.apiserver.ClusterCrds;
import dev.ibu.apiserver.Fault;
import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.RequestLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The strict API server as the agent's cluster, with OADP's CRDs: {@link #client()} is an administrator (the test's
 * setup and the test Velero), {@link #agent()} the agent's ServiceAccount with deploy/base's RBAC (hand it to the
 * adapter). Everything the agent asks is recorded per test class in {@code target/agent-requests/<class>.tsv}, which
 * the RBAC proof in ibu-agent reads.
 */
public final class KubeCluster implements AutoCloseable {
    public static final Path DEPLOY_BASE = Path.of("../ibu-agent/deploy/base");
    public static final Path RECORDINGS = Path.of("target/agent-requests");
    private static final Map<String, RequestLog> LOGS = new ConcurrentHashMap<>();

    private final AgentCluster cluster;
    private final String testClass;
    private final List<String> dryRuns = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private KubeCluster(AgentCluster cluster, String testClass) {
        this.cluster = cluster;
        this.testClass = testClass;
        cluster.server().addAuditListener(e -> {
            requests.incrementAndGet();
            if (e.dryRun()) {
                dryRuns.add(e.method() + " " + e.path() + "?dryRun=All");
            }
        });
    }

    /** A cluster with the OADP operator's CRDs installed (or not: the CRDs come with {@link #installOadp()}). */
    public static KubeCluster start() {
        String testClass = callingTestClass();
        RequestLog log = LOGS.computeIfAbsent(testClass, c -> new RequestLog(Identity.lifecycleAgent()));
        return new KubeCluster(AgentCluster.start(DEPLOY_BASE, log), testClass);
    }

    /** The test class on the stack (each writes its own recording; worlds are made in helpers and nested classes). */
    private static String callingTestClass() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .map(n -> n.contains("$") ? n.substring(0, n.indexOf('$')) : n)
                .filter(n -> n.endsWith("IT") || n.endsWith("Test"))
                .findFirst().orElse("unknown"));
    }

    /** The administrator: test setup, assertions and the test Velero. */
    public KubernetesClient client() {
        return cluster.admin();
    }

    /** The agent's ServiceAccount: the adapter under test. */
    public KubernetesClient agent() {
        return cluster.agent();
    }

    /** Velero's and OADP's CRDs (Backup, Restore, DeleteBackupRequest, BackupStorageLocation, DataProtectionApplication). */
    public void installOadp() {
        cluster.server().apply(ClusterCrds.oadp(), "default");
    }

    public void namespace(String name) {
        cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n", "default");
    }

    /** Requests matching {@code when} (any identity) are answered with {@code code} until {@link #clearFaults()}. */
    public Fault inject(Predicate<Request> when, int code, String message) {
        return cluster.server().inject(Fault.when(e -> when.test(Request.of(e))).status(code, reasonOf(code), message).always());
    }

    public void clearFaults() {
        cluster.server().clearFaults();
    }

    /** "METHOD path?dryRun=All" of every dry-run request seen, for tests that check a dry run happened. */
    public List<String> dryRuns() {
        return List.copyOf(dryRuns);
    }

    /** Resource requests the API server has answered so far (a figure for reports, never asserted). */
    public int requestCount() {
        return requests.get();
    }

    private static String reasonOf(int code) {
        return switch (code) {
            case 404 -> "NotFound";
            case 409 -> "AlreadyExists";
            case 422 -> "Invalid";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
    }

    @Override
    public void close() {
        cluster.close();
        String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
        LOGS.get(testClass).writeTo(RECORDINGS.resolve(simple + ".tsv"));
    }

    /** What fault predicates see of a request: method, path with the query as sent, body. */
    public record Request(String method, String path, String body) {
        static Request of(AuditEvent e) {
            String query = e.query().isEmpty() ? "" : "?" + String.join("&", e.query().entrySet().stream()
                    .map(q -> q.getKey() + "=" + q.getValue()).sorted().toList());
            return new Request(e.method(), e.path() + query, new String(e.body(), StandardCharsets.UTF_8));
        }
    }
}
