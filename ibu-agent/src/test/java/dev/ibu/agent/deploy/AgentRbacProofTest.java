package dev.ibu.agent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.apiserver.AgentCluster;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.RequestLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/base's RBAC proven rule by rule against what the integration tests of the k8s and OADP adapters and of this
 * module asked the strict API server as the agent's ServiceAccount (their target/agent-requests recordings): (a)
 * every recorded request is allowed, and none was denied; (b) for every permission atom, one (apiGroup, resource,
 * verb) of one rule of one Role or ClusterRole, removing that atom alone makes at least one recorded request
 * forbidden. Atoms, not whole rules: a rule granting seven verbs of which two are used would survive a rule-level
 * mutation while granting five verbs nothing needs.
 *
 * <p>Runs last in this module (junit-platform.properties orders classes, this one has the highest {@link Order}),
 * after the module's own integration tests; the adapters' recordings come from their modules, which the reactor
 * builds and tests first.
 */
@Order(Integer.MAX_VALUE)
class AgentRbacProofTest {
    static final Path BASE = Path.of("deploy/base");
    static final List<Path> RECORDINGS = List.of(Path.of("../ibu-adapters-k8s/target/agent-requests"),
            Path.of("../ibu-adapters-oadp/target/agent-requests"), Path.of("target/agent-requests"));
    /**
     * The files proven atom by atom. Not cluster-role-local-backup.yaml: it is the allow-list of kinds an
     * administrator's Backup CRs may name for a local backup (upstream's documented examples: StatefulSets, Routes,
     * LogicalVolumes, the klusterlet...), which the agent's code does not need by itself; which of them a backup uses
     * depends on the user's Backups, and the file tells the administrator to add a rule for any other kind. It is
     * still held to the rest: every request the local-backup tests made is allowed ({@link
     * #every_request_the_integration_tests_made_as_the_agent_is_allowed_by_deploy_base}, LocalCluster records them),
     * and it grants nothing the agent's own roles grant already ({@link #no_permission_atom_is_granted_twice}).
     */
    static final List<String> PROVEN = List.of("cluster-role.yaml", "role.yaml");
    /** Every file holding the agent's Roles and ClusterRoles. */
    static final List<String> ROLES = List.of("cluster-role.yaml", "role.yaml", "cluster-role-local-backup.yaml");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Identity AGENT = Identity.lifecycleAgent();
    private static ApiServer server;

    @BeforeAll
    static void start() {
        server = ApiServer.builder().https(false).start();
        AgentCluster.applyRbac(server, BASE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every distinct recorded line, with the file it came from first. */
    static Map<String, String> recorded() throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        for (Path dir : RECORDINGS) {
            assertThat(dir).as(dir + ": run that module's integration tests first (the reactor does: mvn verify)")
                    .isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        lines.putIfAbsent(line, f.toString());
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void every_request_the_integration_tests_made_as_the_agent_is_allowed_by_deploy_base() throws IOException {
        Map<String, String> lines = recorded();

        assertThat(lines).as("recorded agent requests").hasSizeGreaterThan(50);
        assertThat(lines.keySet()).as("requests the API server denied during the integration tests (file in the map)")
                .noneMatch(RequestLog.Request::denied);
        assertThat(lines.keySet().stream().map(RequestLog.Request::parse).filter(r -> !server.allows(AGENT, r))
                .map(Object::toString).toList()).as("requests deploy/base does not allow").isEmpty();
    }

    @Test
    void removing_any_single_permission_atom_from_deploy_base_forbids_a_recorded_request() throws IOException {
        List<RequestLog.Request> requests = recorded().keySet().stream().map(RequestLog.Request::parse)
                .filter(r -> server.allows(AGENT, r)).toList();
        List<String> unproven = new ArrayList<>();
        List<String> proof = new ArrayList<>();
        int atoms = 0;
        for (String file : PROVEN) {
            for (JsonNode doc : documents(BASE.resolve(file))) {
                ArrayNode rules = (ArrayNode) doc.path("rules");
                for (int i = 0; i < rules.size(); i++) {
                    for (Atom atom : Atom.of(rules.get(i))) {
                        atoms++;
                        apply(without(doc, i, atom));
                        List<String> denied = requests.stream().filter(r -> !server.allows(AGENT, r))
                                .map(Object::toString).toList();
                        apply(doc);
                        String where = file + " rule " + (i + 1) + " " + atom;
                        if (denied.isEmpty()) {
                            unproven.add(where);
                        } else {
                            proof.add(where + "\t<- " + denied.get(0).replace('\t', ' ') + (denied.size() > 1
                                    ? " (+" + (denied.size() - 1) + " more)" : ""));
                        }
                    }
                }
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/rbac-proof.txt"), proof, StandardCharsets.UTF_8);

        assertThat(atoms).as("permission atoms in deploy/base").isGreaterThan(10);
        assertThat(unproven).as("permission atoms no integration test needs: remove them from deploy/base, or add the "
                + "test that shows the handler named in the rule's comment needs them").isEmpty();
        assertThat(server.allows(AGENT, requests.get(0))).as("the original rules are back").isTrue();
    }

    /**
     * Each (apiGroup, resource, verb) is granted by one rule of one file: a second grant would hide the first from
     * the proof above (removing either changes nothing), and leaves two places to edit when a need goes away.
     */
    @Test
    void no_permission_atom_is_granted_twice() throws IOException {
        Map<Atom, String> first = new LinkedHashMap<>();
        List<String> twice = new ArrayList<>();
        for (String file : ROLES) {
            for (JsonNode doc : documents(BASE.resolve(file))) {
                ArrayNode rules = (ArrayNode) doc.path("rules");
                for (int i = 0; i < rules.size(); i++) {
                    String where = file + " rule " + (i + 1);
                    for (Atom atom : Atom.of(rules.get(i))) {
                        String earlier = first.putIfAbsent(atom, where);
                        if (earlier != null) {
                            twice.add(atom + ": " + earlier + " and " + where);
                        }
                    }
                }
            }
        }

        assertThat(first).as("permission atoms of deploy/base").hasSizeGreaterThan(10);
        assertThat(twice).as("permissions granted twice: keep one rule, and name every need in its comment").isEmpty();
    }

    /** Canary: the proof notices an atom nothing needs. */
    @Test
    void an_extra_atom_is_reported_unproven() throws IOException {
        List<RequestLog.Request> requests = recorded().keySet().stream().map(RequestLog.Request::parse)
                .filter(r -> server.allows(AGENT, r)).toList();
        JsonNode role = documents(BASE.resolve("role.yaml")).get(0);
        ObjectNode extended = (ObjectNode) role.deepCopy();
        ObjectNode pods = ((ArrayNode) extended.path("rules")).addObject();
        pods.putArray("apiGroups").add("");
        pods.putArray("resources").add("pods");
        pods.putArray("verbs").add("delete");
        apply(extended);
        int last = extended.path("rules").size() - 1;
        apply(without(extended, last, new Atom("", "pods", "delete")));
        boolean forbidsSomething = requests.stream().anyMatch(r -> !server.allows(AGENT, r));
        apply(role);

        assertThat(forbidsSomething).isFalse();
    }

    private static void apply(JsonNode doc) {
        server.apply(new ByteArrayInputStream(YAML.writeValueAsBytes(doc)), AgentCluster.AGENT_NAMESPACE);
    }

    /** The document with rule {@code index} replaced by one rule per remaining atom (resourceNames kept). */
    static ObjectNode without(JsonNode doc, int index, Atom removed) {
        ObjectNode copy = (ObjectNode) doc.deepCopy();
        ArrayNode rules = (ArrayNode) copy.path("rules");
        JsonNode rule = rules.get(index);
        ArrayNode replacement = YAML.createArrayNode();
        for (int i = 0; i < rules.size(); i++) {
            if (i != index) {
                replacement.add(rules.get(i));
                continue;
            }
            for (Atom a : Atom.of(rule)) {
                if (!a.equals(removed)) {
                    ObjectNode r = replacement.addObject();
                    r.putArray("apiGroups").add(a.group());
                    r.putArray("resources").add(a.resource());
                    r.putArray("verbs").add(a.verb());
                    if (rule.has("resourceNames")) {
                        r.set("resourceNames", rule.get("resourceNames"));
                    }
                }
            }
        }
        copy.set("rules", replacement);
        return copy;
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    /** One permission: a verb on a resource of an API group. */
    record Atom(String group, String resource, String verb) {
        static List<Atom> of(JsonNode rule) {
            List<Atom> atoms = new ArrayList<>();
            for (JsonNode g : rule.path("apiGroups")) {
                for (JsonNode r : rule.path("resources")) {
                    for (JsonNode v : rule.path("verbs")) {
                        atoms.add(new Atom(g.asString(), r.asString(), v.asString()));
                    }
                }
            }
            return atoms;
        }

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
        }
    }
}
