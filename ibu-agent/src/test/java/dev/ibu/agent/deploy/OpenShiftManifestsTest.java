package dev.ibu.agent.deploy;

import static dev.ibu.agent.deploy.Rendered.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a single-node OpenShift needs to admit and run the rendered {@code deploy/base} (issue 13): Pod Security and
 * workload-partitioning on the namespace, use of the privileged SCC, resources matching the image's JVM options, a
 * NetworkPolicy, the metrics Service with its service-CA certificate mounted, the ServiceMonitor, and the RBAC of the
 * metrics filter.
 */
class OpenShiftManifestsTest {
    private static final String SA = "lifecycle-agent-controller-manager";
    private static Rendered r;
    private static JsonNode deployment;
    private static JsonNode pod;
    private static JsonNode manager;
    private static String namespace;

    @BeforeAll
    static void render() throws Exception {
        r = Rendered.kustomize(Path.of("deploy/base"));
        deployment = r.one("Deployment");
        namespace = deployment.at("/metadata/namespace").asString();
        pod = deployment.at("/spec/template");
        manager = pod.at("/spec/containers").valueStream()
                .filter(c -> "manager".equals(c.path("name").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no container 'manager' (upstream's name; gather execs into it)"));
    }

    @Test
    void the_namespace_admits_privileged_pods_and_management_workloads() {
        JsonNode ns = r.named("Namespace", namespace);
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertThat(ns.at("/metadata/labels/pod-security.kubernetes.io~1" + mode).asString())
                    .as("namespace label pod-security.kubernetes.io/" + mode).isEqualTo("privileged");
        }
        assertThat(ns.at("/metadata/annotations/workload.openshift.io~1allowed").asString())
                .as("namespace annotation workload.openshift.io/allowed").isEqualTo("management");
        JsonNode effect = JsonMapper.builder().build().readTree(
                pod.at("/metadata/annotations/target.workload.openshift.io~1management").asString("{}"));
        assertThat(effect.path("effect").asString()).as("pod annotation target.workload.openshift.io/management")
                .isEqualTo("PreferredDuringScheduling");
    }

    @Test
    void the_service_account_may_use_the_privileged_scc_its_pod_needs() {
        assertThat(manager.at("/securityContext/privileged").asBoolean()).isTrue();
        assertThat(pod.at("/spec/serviceAccountName").asString()).isEqualTo(SA);
        List<String> roles = clusterRolesOfTheAgent();
        boolean granted = r.all("ClusterRole").stream()
                .filter(cr -> roles.contains(cr.at("/metadata/name").asString()))
                .flatMap(cr -> cr.path("rules").valueStream())
                .anyMatch(rule -> strings(rule.get("apiGroups")).contains("security.openshift.io")
                        && strings(rule.get("resources")).contains("securitycontextconstraints")
                        && strings(rule.get("resourceNames")).equals(List.of("privileged"))
                        && strings(rule.get("verbs")).equals(List.of("use")));
        assertThat(granted).as("a ClusterRole bound to " + namespace + "/" + SA + " grants `use` of the "
                + "SecurityContextConstraints 'privileged' (and only it)").isTrue();
    }

    @Test
    void the_agent_may_create_token_and_subject_access_reviews_for_the_metrics_filter() {
        List<String> roles = clusterRolesOfTheAgent();
        for (String[] review : List.of(new String[] {"authentication.k8s.io", "tokenreviews"},
                new String[] {"authorization.k8s.io", "subjectaccessreviews"})) {
            boolean granted = r.all("ClusterRole").stream()
                    .filter(cr -> roles.contains(cr.at("/metadata/name").asString()))
                    .flatMap(cr -> cr.path("rules").valueStream())
                    .anyMatch(rule -> strings(rule.get("apiGroups")).contains(review[0])
                            && strings(rule.get("resources")).contains(review[1])
                            && strings(rule.get("verbs")).contains("create"));
            assertThat(granted).as("the agent may create " + review[1] + "." + review[0]).isTrue();
        }
    }

    @Test
    void resources_cover_the_jvm_options_of_the_image_and_the_pod_stops_in_bounded_time() throws Exception {
        JvmOptions jvm = JvmOptions.read();
        assertThat(jvm.options()).contains("-XX:+UseSerialGC");
        assertThat(manager.has("command")).as("the container keeps the image's entrypoint, which carries "
                + JvmOptions.FILE + " (a `command` would drop them)").isFalse();
        manager.path("env").forEach(e -> assertThat(e.path("name").asString())
                .as("JVM options come from the image only").isNotIn("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));

        long limit = bytes(manager.at("/resources/limits/memory"));
        long request = bytes(manager.at("/resources/requests/memory"));
        assertThat(limit).as("memory limit vs the JVM ceiling of " + JvmOptions.FILE).isGreaterThanOrEqualTo(jvm.ceiling());
        assertThat(request).as("memory request: at least the initial heap").isGreaterThanOrEqualTo(
                jvm.bytes("-Xms").orElse(0L)).isLessThanOrEqualTo(limit);
        assertThat(manager.at("/resources/requests/cpu").isMissingNode()).as("a CPU request").isFalse();
        assertThat(manager.at("/resources/limits/cpu").isMissingNode())
                .as("no CPU limit: a throttled agent misses Lease renewals").isTrue();

        JsonNode grace = pod.at("/spec/terminationGracePeriodSeconds");
        assertThat(grace.isMissingNode()).as("terminationGracePeriodSeconds is set").isFalse();
        assertThat(grace.asInt()).as("time to release the Lease on SIGTERM").isBetween(10, 120);
    }

    @Test
    void the_network_policy_opens_only_the_metrics_port_and_lets_the_agent_reach_the_api_server() {
        JsonNode np = r.one("NetworkPolicy");
        assertThat(np.at("/metadata/namespace").asString()).isEqualTo(namespace);
        np.at("/spec/podSelector/matchLabels").properties().forEach(e -> assertThat(
                pod.at("/metadata/labels").path(e.getKey()).asString()).as("the policy selects the agent's pod")
                .isEqualTo(e.getValue().asString()));
        assertThat(strings(np.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");

        List<Integer> ingress = new ArrayList<>();
        np.at("/spec/ingress").forEach(rule -> {
            assertThat(rule.has("ports")).as("an ingress rule without ports opens every port").isTrue();
            rule.get("ports").forEach(p -> ingress.add(p.path("port").asInt()));
        });
        assertThat(ingress).as("ingress only to the metrics port").containsExactly(metricsContainerPort());

        List<Integer> egress = new ArrayList<>();
        np.at("/spec/egress").forEach(rule -> {
            assertThat(rule.has("ports")).as("an egress rule without ports opens every port").isTrue();
            rule.get("ports").forEach(p -> egress.add(p.path("port").asInt()));
        });
        assertThat(egress).as("egress to the API server (6443 after the kubernetes Service's DNAT)").contains(6443);
    }

    @Test
    void metrics_are_served_with_the_service_ca_certificate_and_scraped_over_https_with_a_token() {
        JsonNode svc = r.one("Service");
        String secret = svc.at("/metadata/annotations/service.beta.openshift.io~1serving-cert-secret-name").asString();
        assertThat(secret).as("Service annotation service.beta.openshift.io/serving-cert-secret-name").isNotBlank();
        String volume = pod.at("/spec/volumes").valueStream()
                .filter(v -> secret.equals(v.at("/secret/secretName").asString())).map(v -> v.path("name").asString())
                .findFirst().orElseThrow(() -> new AssertionError("no volume of the Secret " + secret));
        assertThat(manager.path("volumeMounts").valueStream().anyMatch(m -> volume.equals(m.path("name").asString())))
                .as("the manager mounts the serving certificate").isTrue();
        svc.at("/spec/selector").properties().forEach(e -> assertThat(pod.at("/metadata/labels").path(e.getKey())
                .asString()).as("the Service selects the agent's pod").isEqualTo(e.getValue().asString()));

        JsonNode sm = r.one("ServiceMonitor");
        assertThat(sm.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(sm.at("/metadata/namespace").asString()).isEqualTo(namespace);
        sm.at("/spec/selector/matchLabels").properties().forEach(e -> assertThat(svc.at("/metadata/labels")
                .path(e.getKey()).asString()).as("the ServiceMonitor selects the Service").isEqualTo(e.getValue().asString()));
        JsonNode ep = sm.at("/spec/endpoints/0");
        assertThat(ep.path("port").asString()).as("the ServiceMonitor's port is the Service's metrics port")
                .isEqualTo(svc.at("/spec/ports/0/name").asString());
        assertThat(ep.path("scheme").asString()).isEqualTo("https");
        assertThat(ep.path("bearerTokenFile").asString()).as("Prometheus authenticates with its token").isNotBlank();
        assertThat(ep.at("/tlsConfig/caFile").asString()).as("trust the service CA").contains("service-ca");
        assertThat(ep.at("/tlsConfig/serverName").asString()).as("the certificate's name")
                .isEqualTo(svc.at("/metadata/name").asString() + "." + namespace + ".svc");
        assertThat(ep.at("/tlsConfig/insecureSkipVerify").asBoolean(false)).isFalse();
    }

    private int metricsContainerPort() {
        String target = r.one("Service").at("/spec/ports/0/targetPort").asString();
        return manager.path("ports").valueStream().filter(p -> target.equals(p.path("name").asString()))
                .map(p -> p.path("containerPort").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError("the Service's targetPort " + target + " is no container port"));
    }

    private List<String> clusterRolesOfTheAgent() {
        return r.all("ClusterRoleBinding").stream()
                .filter(b -> b.path("subjects").valueStream().anyMatch(s -> "ServiceAccount".equals(
                        s.path("kind").asString()) && SA.equals(s.path("name").asString())
                        && namespace.equals(s.path("namespace").asString())))
                .map(b -> b.at("/roleRef/name").asString()).toList();
    }

    private static long bytes(JsonNode quantity) {
        assertThat(quantity.isMissingNode()).as("resource quantity is set").isFalse();
        return Quantity.getAmountInBytes(new Quantity(quantity.asString())).longValueExact();
    }
}
