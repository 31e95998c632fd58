package dev.ibu.agent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The kustomize layout under ibu-agent/deploy: it builds, its CRD is the generated one, its RBAC is least-privilege. */
class DeployManifestsTest {
    private static final Path BASE = Path.of("deploy/base");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void the_shipped_crd_is_the_one_generated_from_the_records() throws Exception {
        String generated;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/fabric8/imagebasedupgrades.lca.openshift.io-v1.yml")) {
            assertThat(in).as("generated CRD on the class path (ibu-adapters-k8s)").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode shipped = YAML.readTree(Files.readString(Path.of("deploy/crd/imagebasedupgrades.yaml")));
        assertThat(shipped).as("deploy/crd/imagebasedupgrades.yaml drifted from the generated CRD: regenerate it with "
                + "`java -jar ibu-agent/target/ibu-agent.jar crd > ibu-agent/deploy/crd/imagebasedupgrades.yaml`")
                .isEqualTo(YAML.readTree(generated));
    }

    @Test
    void rbac_has_no_wildcards_and_every_rule_says_which_handler_needs_it() throws Exception {
        for (String file : List.of("cluster-role.yaml", "role.yaml", "scc.yaml", "metrics-reader.yaml")) {
            List<String> lines = Files.readAllLines(BASE.resolve(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("- apiGroups:") || lines.get(i).startsWith("- nonResourceURLs:")) {
                    assertThat(lines.get(i - 1)).as(file + " line " + (i + 1) + " needs a comment naming the handler")
                            .startsWith("#");
                }
            }
        }
        Rendered r = Rendered.kustomize(BASE);
        for (String kind : List.of("ClusterRole", "Role")) {
            for (JsonNode role : r.all(kind)) {
                String name = kind + " " + role.at("/metadata/name").asString();
                for (JsonNode rule : role.get("rules")) {
                    assertThat(strings(rule.get("verbs"))).as(name + ": wildcard verb").doesNotContain("*");
                    assertThat(strings(rule.get("resources"))).as(name + ": wildcard resource").doesNotContain("*");
                    assertThat(strings(rule.get("apiGroups"))).as(name + ": wildcard group").doesNotContain("*");
                    assertThat(strings(rule.get("nonResourceURLs"))).as(name + ": wildcard URL").doesNotContain("*");
                }
            }
        }
    }

    @Test
    void kustomize_builds_the_agent_with_host_access_as_upstream() throws Exception {
        Rendered r = Rendered.kustomize(BASE);
        assertThat(r.docs().stream().map(d -> d.get("kind").asString())).contains("Namespace",
                "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
                "Deployment", "Service", "ServiceMonitor", "NetworkPolicy");
        JsonNode deployment = r.one("Deployment");
        assertThat(deployment.at("/metadata/namespace").asString()).isEqualTo("openshift-lifecycle-agent");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.get("hostPID").asBoolean()).isTrue();
        assertThat(pod.at("/volumes/0/hostPath/path").asString()).isEqualTo("/");
        assertThat(pod.at("/containers/0/volumeMounts/0/mountPath").asString()).isEqualTo("/host");

        // the container's arguments are ones the agent's CLI accepts
        List<String> args = strings(pod.at("/containers/0/args"));
        assertThat(args.get(0)).isEqualTo("run");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(new dev.ibu.agent.controller.RunCommand(
                new java.io.PrintWriter(err)));
        cl.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        String port = pod.at("/containers/0/readinessProbe/httpGet/port").asString();
        assertThat(pod.at("/containers/0/ports").valueStream().map(p -> p.path("name").asString()))
                .as("the probes use a declared port").contains(port);
    }

    private static List<String> strings(JsonNode array) {
        return Rendered.strings(array);
    }
}
