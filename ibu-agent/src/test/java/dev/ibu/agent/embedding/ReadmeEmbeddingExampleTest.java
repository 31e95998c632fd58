package dev.ibu.agent.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The README's "Testing an embedding with the test kit" example, run as an embedder's test runs it: this module takes
 * the test kit artifact in test scope, as the README tells embedders to, and has the real adapters on its class path
 * too. The example's lines are copied here verbatim; {@link #the_readme_shows_exactly_this_example} fails when the
 * two differ.
 */
class ReadmeEmbeddingExampleTest {
    private static final Path README = Path.of("../README.md");
    private static final String HEADING = "### Testing an embedding with the test kit";
    private static final Path THIS_SOURCE = Path.of("src/test/java",
            ReadmeEmbeddingExampleTest.class.getName().replace('.', '/') + ".java");

    @Test
    void the_example_runs() {
        TestWorld world = TestWorld.fresh();           // 4.14.0 booted, a 4.15.2 seed in the registry, OADP installed
        List<String> reasons = new ArrayList<>();
        EnginePorts ports = new EnginePortsBuilder()
                .context(new PortContext(Map.of(), Map.of(TestWorld.class, world)))
                .discover(getClass().getClassLoader())  // finds the test kit's provider (and your adapters')
                .with(EventPort.class, (type, reason, message) -> reasons.add(reason))  // yours win
                .build();
        UpgradeEngine engine = new UpgradeEngine(ports);
        engine.initialize();                            // creates the ImageBasedUpgrade 'upgrade'
        engine.reconcile(ReconcileCommand.singleton("idle-1"));  // the agent settles it at Idle
        world.requestPrep();                            // the user asks for Prep with the world's seed
        ReconcileResult prep = engine.reconcile(ReconcileCommand.singleton("prep-1"));
        assertThat(prep.error()).isEmpty();             // else retry with your backoff
        assertThat(reasons).contains("TransitionAccepted");
        assertThat(world.cluster().currentIbu().status().conditions().find("PrepInProgress")).isNotEmpty();
    }

    @Test
    void the_readme_shows_exactly_this_example() throws IOException {
        List<String> snippet = readmeSnippet();
        List<String> source = trimmed(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8));

        assertThat(snippet).as("the java block under '%s' in %s", HEADING, README).hasSizeGreaterThan(5);
        assertThat(Collections.indexOfSubList(source, snippet))
                .as("the README's example (%s, under '%s') must appear verbatim, line by line, in %s:%n%s", README,
                        HEADING, THIS_SOURCE, String.join("\n", snippet))
                .isNotNegative();
    }

    /** The first java block after the heading, each line without its indentation. */
    private static List<String> readmeSnippet() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int heading = readme.indexOf(HEADING);
        assertThat(heading).as("%s has the heading '%s'", README, HEADING).isNotNegative();
        int start = readme.indexOf("```java\n", heading) + "```java\n".length();
        int end = readme.indexOf("```", start);
        return trimmed(readme.substring(start, end));
    }

    private static List<String> trimmed(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
