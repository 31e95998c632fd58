package dev.ibu.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.engine.EnginePorts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What ships: the shaded node agent jar ({@code target/ibu-agent.jar}, run as a privileged hostPID pod) holds no
 * test double, mock server, Netty/Vert.x or BouncyCastle, and the {@code ibu-ports} jar no test kit class. Run by
 * maven-failsafe-plugin in {@code verify}, after {@code package} made the jars (surefire runs before them).
 */
class NodeAgentJarIT {
    private static final Path NODE_JAR = Path.of("target/ibu-agent.jar");
    private static final List<String> NOT_ON_THE_NODE = List.of("io/fabric8/mockwebserver/",
            "io/fabric8/kubernetes/client/server/mock/", "io/netty/", "io/vertx/", "org/bouncycastle/",
            "dev/ibu/ports/testkit/", "dev/ibu/ports/contract/", "dev/ibu/adapters/host/lab/", "dev/ibu/rehearsal/");
    private static final List<String> TEST_KIT = List.of("dev/ibu/ports/testkit/", "dev/ibu/ports/contract/");

    @Test
    void the_node_agent_jar_holds_only_what_runs_on_the_node() throws IOException {
        requireBuilt(NODE_JAR);
        List<String> entries = entries(NODE_JAR);

        assertThat(entries).as("what the agent runs is in %s", NODE_JAR)
                .contains("dev/ibu/agent/Main.class", "dev/ibu/ports/engine/UpgradeEngine.class",
                        "dev/ibu/adapters/host/HostAdapters.class", "dev/ibu/adapters/k8s/K8sAdapters.class",
                        "dev/ibu/adapters/oadp/OadpAdapters.class")
                .anyMatch(e -> e.startsWith("io/fabric8/kubernetes/client/jdkhttp/"));
        assertThat(entries.stream().filter(e -> NOT_ON_THE_NODE.stream().anyMatch(e::startsWith)))
                .as("entries of %s that must not run on the node", NODE_JAR).isEmpty();
        System.out.printf("%s: %d bytes, %d entries%n", NODE_JAR, Files.size(NODE_JAR), entries.size());
    }

    @Test
    void the_ports_jar_holds_no_test_kit() throws IOException, URISyntaxException {
        Path ports = Path.of(EnginePorts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> entries;
        if (Files.isDirectory(ports)) {  // run from an IDE: the module's classes
            try (Stream<Path> files = Files.walk(ports)) {
                entries = files.map(f -> ports.relativize(f).toString().replace('\\', '/')).toList();
            }
        } else {
            entries = entries(ports);
        }
        assertThat(entries).as("ibu-ports at %s", ports).contains("dev/ibu/ports/engine/EnginePorts.class");
        assertThat(entries.stream().filter(e -> TEST_KIT.stream().anyMatch(e::startsWith)))
                .as("test kit classes in the ibu-ports artifact %s", ports).isEmpty();
    }

    private static void requireBuilt(Path jar) {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(jar).as("the shaded node agent jar (mvn package makes it)").exists();
        }
        Assumptions.assumeTrue(Files.exists(jar), jar + " is not built: run mvn verify");
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(e -> e.getName()).toList();
        }
    }
}
