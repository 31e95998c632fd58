package dev.ibu.adapters.host.restart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.OstreeDeployment;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.adapters.host.testing.RequireHostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Prep survives {@code kill -9} of the agent at any moment of the stateroot setup and of precache (issue 11): a real
 * ostree sysroot, a real docker-registry on 127.0.0.1, skopeo into a real containers-storage; the agent is
 * {@link PrepAgentMain} in a child JVM, killed with everything it started ({@link AgentProcess#kill()}) when its jobs
 * log a chosen progress line (plus a delay), then a new agent starts on the same sysroot, work dir and registry. Each
 * chain kills the agents one after the other at its points, and a last agent must complete Prep: exactly the original
 * stateroot and the new one, one deployment each, no partial directory or workspace left; after a kill during
 * precache, the images already in the storage are not fetched from the registry again (its access log).
 */
class PrepSurvivesAgentKillIT {

    static final String VERSION = "4.16.0";
    static final String SR = "rhcos_" + VERSION;
    static final int IMAGES = 6;

    static LabRegistry registry;
    static Path base;
    static Path logback;
    static String seedRef;
    static List<String> images = new ArrayList<>();
    static final List<String> OUTCOMES = new ArrayList<>();

    /** Kill the agent {@code delayMs} after its output shows a line containing {@code marker}. */
    record KillPoint(String marker, long delayMs) {
        @Override
        public String toString() {
            return "'" + marker + "' +" + delayMs + " ms";
        }
    }

    @BeforeAll
    static void registryAndSeed() throws Exception {
        RequireHostTools.requireOstree();
        RequireHostTools.requireRegistry();
        registry = LabRegistry.start();
        base = Files.createTempDirectory("prep-kill-it");
        logback = base.resolve("logback.xml");
        Files.writeString(logback, "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder></appender>"
            + "<logger name=\"dev.ibu.adapters.host.support.HostJobs\" level=\"INFO\"/>"
            + "<root level=\"WARN\"><appender-ref ref=\"OUT\"/></root></configuration>");
        SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(base.resolve("unused"),
            base.resolve("build-work")), Set.of(registry.host()), 0);
        for (int i = 1; i <= IMAGES; i++) {
            Path root = Files.createDirectories(base.resolve("img" + i));
            byte[] payload = new byte[512 * 1024];
            new Random(i).nextBytes(payload);
            Files.write(root.resolve("payload"), payload);
            SeedImageBuilder.writeOciLayout(root, base.resolve("img" + i + "-oci"), Map.of());
            String ref = registry.host() + "/lab/img" + i + ":1";
            skopeo.copy("oci:" + base.resolve("img" + i + "-oci") + ":seed", "docker://" + ref, Optional.empty());
            images.add(ref);
        }
        seedRef = registry.host() + "/lab/seed:" + VERSION;
        new SeedImageBuilder(skopeo).buildAndPush(SeedFixture.create(base.resolve("seed"), VERSION, images, 150, 150,
            16 * 1024), seedRef, Optional.empty(), base.resolve("build"));
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.println("kill points tried: " + OUTCOMES.stream().filter(o -> o.contains(": killed;")).count());
        OUTCOMES.forEach(System.out::println);
        if (registry != null) {
            registry.close();
        }
        if (base != null) {
            LabSysroot.deleteTree(base);
        }
    }

    @Test
    void killed_early_in_the_setup_while_it_pulls_and_unpacks_the_seed() throws Exception {
        chain("setup-early", new KillPoint(PrepAgentMain.LAUNCHED_SETUP, 0), new KillPoint("pulling seed image", 150),
            new KillPoint("unpacking seed image", 0));
    }

    @Test
    void killed_late_in_the_setup_while_it_unpacks_and_deploys() throws Exception {
        chain("setup-late", new KillPoint("unpacking seed image", 300), new KillPoint("deploying seed commit", 0),
            new KillPoint("deploying seed commit", 500));
    }

    @Test
    void killed_again_while_a_new_agent_resumes_the_setup() throws Exception {
        chain("setup-resumed", new KillPoint("unpacking seed image", 50),
            new KillPoint("removing what the interrupted setup left", 0), new KillPoint("reusing seed image", 0),
            new KillPoint("deploying seed commit", 100));
    }

    @Test
    void killed_during_precache() throws Exception {
        chain("precache", new KillPoint(PrepAgentMain.LAUNCHED_PRECACHE, 0), new KillPoint("(pulled: 2,", 0),
            new KillPoint("(pulled: 3,", 100), new KillPoint("(pulled: 5,", 0));
    }

    private void chain(String name, KillPoint... points) throws Exception {
        Path dir = Files.createDirectories(base.resolve(name));
        try (LabSysroot sys = new LabSysroot(dir.resolve("host"))) {
            sys.installOriginal("rhcos");
            Path work = dir.resolve("work");
            Map<String, Integer> fetchesOfStored = new HashMap<>();
            int n = 0;
            for (KillPoint k : points) {
                n++;
                AgentProcess agent = start(sys, work);
                Optional<String> at = agent.await(l -> l.contains(k.marker()), Duration.ofSeconds(60));
                assertThat(at).as("%s #%d: the agent reached %s; its output:\n%s", name, n, k, agent.output()).isPresent();
                Thread.sleep(k.delayMs());
                agent.kill();
                String setup = jobState(work, "stateroot-setup", SR);
                String precache = jobState(work, "precache", "precache");
                assertThat(List.of(setup, precache)).as("%s #%d: no job reads as failed after the kill", name, n)
                    .doesNotContain("Failed");
                List<String> stored = images.stream().filter(i -> stored(work, i)).toList();
                for (String i : stored) {
                    fetchesOfStored.putIfAbsent(i, registryRequests(i));
                }
                OUTCOMES.add(String.format("%s #%d at %s: killed; setup %s, precache %s, %d/%d images stored", name, n, k,
                    setup, precache, stored.size(), IMAGES));
            }
            AgentProcess last = start(sys, work);
            int rc = last.awaitExit(Duration.ofSeconds(90));
            assertThat(rc).as("%s: the last agent's exit code; its output:\n%s", name, last.output()).isZero();
            assertExactlyTheExpectedStateroots(sys, work);
            for (Map.Entry<String, Integer> e : fetchesOfStored.entrySet()) {
                assertThat(registryRequests(e.getKey())).as("%s: registry requests for %s, stored before a kill", name, e.getKey())
                    .isEqualTo(e.getValue());
            }
            assertThat(images).allMatch(i -> stored(work, i));
            OUTCOMES.add(String.format("%s: Prep completed by agent #%d; setup runners %d, precache runners %d; "
                    + "%d images stored before a kill were not requested from the registry again", name, points.length + 1,
                runners(work, "stateroot-setup", SR), runners(work, "precache", "precache"), fetchesOfStored.size()));
        }
    }

    private AgentProcess start(LabSysroot sys, Path work) throws Exception {
        return AgentProcess.start(logback, sys.path().toString(), work.toString(), registry.host(), seedRef, VERSION);
    }

    private static void assertExactlyTheExpectedStateroots(LabSysroot sys, Path work) throws Exception {
        List<OstreeDeployment> deployments = new OstreeCli(ProcessRunner.local(), sys.layout()).status();
        assertThat(deployments.stream().map(OstreeDeployment::osname)).containsExactlyInAnyOrder("rhcos", SR);
        assertThat(names(sys.path().resolve("ostree/deploy"))).containsExactlyInAnyOrder("rhcos", SR);
        try (Stream<Path> d = Files.list(sys.path().resolve("ostree/deploy").resolve(SR).resolve("deploy"))) {
            assertThat(d.filter(Files::isDirectory).count()).as("deployment directories of " + SR).isEqualTo(1);
        }
        assertThat(names(work)).as("no workspace left").noneMatch(n -> n.startsWith("ibu-stateroot-"));
        assertThat(Files.readAllLines(sys.layout().staterootVar(SR).resolve(StaterootSetupJob.CONTAINERS_LIST)))
            .containsExactlyElementsOf(images);
        assertThat(jobState(work, "stateroot-setup", SR)).isEqualTo("Succeeded");
        assertThat(jobState(work, "precache", "precache")).isEqualTo("Succeeded");
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static Optional<JsonNode> record(Path work, String kind, String key) throws Exception {
        Path f = work.resolve("ibu-jobs").resolve("ibu-" + kind + "-" + key + ".json");
        return Files.exists(f) ? Optional.of(Json.MAPPER.readTree(Files.readString(f))) : Optional.empty();
    }

    private static String jobState(Path work, String kind, String key) throws Exception {
        return record(work, kind, key).map(n -> n.path("state").asString()).orElse("NotStarted");
    }

    private static int runners(Path work, String kind, String key) throws Exception {
        return record(work, kind, key).map(n -> n.path("runners").asInt()).orElse(0);
    }

    private static boolean stored(Path work, String image) {
        Path conf = work.resolve("containers/storage.conf");
        if (!Files.exists(conf)) {
            return false;
        }
        return new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(work, work), Set.of(registry.host()), 0)
            .with(Map.of("CONTAINERS_STORAGE_CONF", conf.toString()), Duration.ofSeconds(30), 0)
            .exists("containers-storage:" + image);
    }

    /** Requests for the image's repository the registry served (manifests, blobs): any pull makes some. */
    private static int registryRequests(String image) throws Exception {
        String repo = image.substring(registry.host().length(), image.lastIndexOf(':'));
        return (int) registry.requests().stream().filter(r -> r.contains(" /v2" + repo + "/")).count();
    }
}
