package dev.ibu.agent.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.ibu.adapters.host.archfixture.HostPlain;
import dev.ibu.adapters.k8s.archfixture.K8sPlain;
import dev.ibu.adapters.k8s.archfixture.K8sReadsTheSystemClock;
import dev.ibu.adapters.k8s.archfixture.K8sUsesHost;
import dev.ibu.adapters.k8s.archfixture.K8sUsesHostLab;
import dev.ibu.adapters.oadp.archfixture.OadpUsesAgent;
import dev.ibu.adapters.oadp.archfixture.OadpUsesEngine;
import dev.ibu.adapters.oadp.archfixture.OadpUsesK8s;
import dev.ibu.adapters.oadp.archfixture.OadpUsesTestKit;
import dev.ibu.agent.archfixtures.AgentPlain;
import dev.ibu.agent.archfixtures.AgentReferencesTheSystemClock;
import dev.ibu.agent.archfixtures.AgentUsesMockServer;
import dev.ibu.agent.archfixtures.AgentUsesMockWebServer;
import dev.ibu.agent.archfixtures.AgentUsesRehearsal;
import dev.ibu.agent.archfixtures.AgentUsesTestKit;
import dev.ibu.codec.archfixture.CodecPlain;
import dev.ibu.codec.archfixture.CodecUsesFabric8Client;
import dev.ibu.codec.archfixture.CodecUsesPorts;
import dev.ibu.domain.archfixture.CycleA;
import dev.ibu.domain.archfixture.DomainUsesPorts;
import dev.ibu.ports.archfixture.CycleB;
import dev.ibu.ports.archfixture.PortsPlain;
import dev.ibu.ports.archfixture.PortsUsesAdapter;
import dev.ibu.ports.archfixture.PortsUsesAgent;
import dev.ibu.ports.archfixture.PortsUsesPicocli;
import dev.ibu.ports.in.archfixture.InUsesOut;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.archfixture.OutUsesIn;
import dev.ibu.rehearsal.archfixture.RehearsalPlain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

/**
 * The module rules of ARCHITECTURE.md over the main classes of every module (the agent's test class path holds them
 * all). Every rule refuses to pass on an empty selection, every declared package must hold classes, and every rule
 * is shown to report a violation on a deliberately bad, test-only fixture class.
 */
class ModuleBoundariesArchTest {
    private static final String DOMAIN = "dev.ibu.domain..";
    private static final String PORTS = "dev.ibu.ports..";
    private static final String ADAPTERS = "dev.ibu.adapters..";
    private static final String AGENT = "dev.ibu.agent..";
    private static final String CODEC = "dev.ibu.codec..";
    /** The ibu-ports artifact: the test kit artifact's packages (dev.ibu.ports.testkit, .contract) are not in it. */
    private static final DescribedPredicate<JavaClass> PORTS_MODULE = resideInAPackage(PORTS)
            .and(DescribedPredicate.not(resideInAnyPackage("dev.ibu.ports.testkit..", "dev.ibu.ports.contract..")))
            .as("classes of ibu-ports (not of the test kit)");

    /**
     * Main classes only: no test classes, no test jars (the ports test kit's contract tests), not the strict API server
     * (ibu-apiserver: a test and rehearsal dependency, never in the node agent, with its own server clock).
     */
    private static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar") && !location.contains("/archfixture")
            && !location.contains("ibu-apiserver");

    static final JavaClasses MAIN = importWithoutResolving(importer -> importer
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(MAIN_ONLY)
            .importPackages("dev.ibu"));

    /**
     * The rules only need the names and packages of what our classes reference; resolving every referenced library
     * class from the class path (ArchUnit's default) makes the import several times slower. Thread-local, so no
     * other test's configuration changes.
     */
    static JavaClasses importWithoutResolving(java.util.function.Function<ClassFileImporter, JavaClasses> how) {
        return ArchConfiguration.withThreadLocalScope(config -> {
            config.setResolveMissingDependenciesFromClassPath(false);
            return how.apply(new ClassFileImporter());
        });
    }

    static JavaClasses fixture(Class<?>... classes) {
        return importWithoutResolving(importer -> importer.importClasses(classes));
    }

    /** Every package ARCHITECTURE.md declares; each must hold classes, or a rename could make a rule vacuous. */
    static final List<String> DECLARED_PACKAGES = List.of("dev.ibu.domain", "dev.ibu.ports.in", "dev.ibu.ports.out",
            "dev.ibu.ports.engine", "dev.ibu.adapters.k8s", "dev.ibu.adapters.host", "dev.ibu.adapters.oadp",
            "dev.ibu.agent", "dev.ibu.codec", "dev.ibu.ports.testkit", "dev.ibu.ports.contract",
            "dev.ibu.adapters.host.lab");

    private static DescribedPredicate<JavaClass> oursExcept(String... allowed) {
        return resideInAPackage("dev.ibu..").and(DescribedPredicate.not(resideInAnyPackage(allowed)))
                .as("classes of ours outside " + String.join(", ", allowed));
    }

    static final ArchRule DOMAIN_DEPENDS_ON_NOTHING_OF_OURS = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat(oursExcept(DOMAIN))
            .allowEmptyShould(false)
            .because("the domain depends on nothing of ours");

    static final ArchRule PORTS_DEPEND_ONLY_ON_THE_DOMAIN = noClasses().that(PORTS_MODULE)
            .should().dependOnClassesThat(oursExcept(DOMAIN, PORTS))
            .allowEmptyShould(false)
            .because("ports depend on the domain only");

    /** The test kit artifact (ibu-testkit) shares the ports' package prefix but is test code: JUnit and AssertJ. */
    static final ArchRule PORTS_USE_ONLY_JDK_VAVR_SLF4J = classes().that(PORTS_MODULE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.vavr..", "org.slf4j..", DOMAIN, PORTS)
            .allowEmptyShould(false)
            .because("ibu-ports may depend on ibu-domain, vavr and slf4j-api only");

    static final ArchRule CODEC_USES_ONLY_DOMAIN_VAVR_JACKSON = classes().that().resideInAPackage(CODEC)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.vavr..", "tools.jackson..",
                    "com.fasterxml.jackson.annotation..", "io.fabric8.generator.annotation..", DOMAIN, CODEC)
            .allowEmptyShould(false)
            .because("the codec depends only on the domain, vavr, Jackson and the CRD annotations");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_EACH_OTHER = slices().matching("dev.ibu.adapters.(*)..")
            .should().notDependOnEachOther()
            .allowEmptyShould(false)
            .because("no adapter imports another adapter");

    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_THE_AGENT = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(AGENT)
            .allowEmptyShould(false)
            .because("no adapter imports the agent");

    static final ArchRule ONLY_THE_AGENT_DEPENDS_ON_THE_AGENT = noClasses().that().resideInAPackage("dev.ibu..")
            .and().resideOutsideOfPackage(AGENT)
            .should().dependOnClassesThat().resideInAPackage(AGENT)
            .allowEmptyShould(false)
            .because("the agent is the composition root: nothing but the agent depends on it");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.ibu.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(false)
            .because("no package cycles");

    // ---- One product per artifact, one way to build ports (issue 10) ----------------------------------------------
    private static final String ENGINE = "dev.ibu.ports.engine..";
    private static final String TEST_KIT = "dev.ibu.ports.testkit..";
    private static final String CONTRACT_TESTS = "dev.ibu.ports.contract..";
    private static final String HOST_LAB = "dev.ibu.adapters.host.lab..";
    private static final String REHEARSAL = "dev.ibu.rehearsal..";

    /** What ships: everything of ours but the test kit artifact, the host lab and the rehearsal. */
    private static final DescribedPredicate<JavaClass> PRODUCTION = oursExcept(TEST_KIT, CONTRACT_TESTS, HOST_LAB,
            REHEARSAL).as("production classes (all but the test kit, the host lab and the rehearsal)");

    static final ArchRule ADAPTERS_DO_NOT_USE_THE_ENGINE_OR_THE_TEST_KIT = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, TEST_KIT, CONTRACT_TESTS)
            .allowEmptyShould(false)
            .because("adapters implement the SPI (dev.ibu.ports.out); the engine and the test kit are their users'");

    static final ArchRule THE_DRIVING_PORT_DOES_NOT_KNOW_THE_SPI = noClasses().that()
            .resideInAPackage("dev.ibu.ports.in..")
            .should().dependOnClassesThat().resideInAPackage("dev.ibu.ports.out..")
            .allowEmptyShould(false)
            .because("dev.ibu.ports.in and dev.ibu.ports.out are independent: callers of the use case need no SPI");

    static final ArchRule THE_SPI_DOES_NOT_KNOW_THE_DRIVING_PORT = noClasses().that()
            .resideInAPackage("dev.ibu.ports.out..")
            .should().dependOnClassesThat().resideInAPackage("dev.ibu.ports.in..")
            .allowEmptyShould(false)
            .because("dev.ibu.ports.in and dev.ibu.ports.out are independent: adapters need no driving port");

    static final ArchRule PRODUCTION_DOES_NOT_USE_THE_TEST_KIT_OR_THE_HOST_LAB = noClasses().that(PRODUCTION)
            .should().dependOnClassesThat().resideInAnyPackage(TEST_KIT, CONTRACT_TESTS, HOST_LAB)
            .allowEmptyShould(false)
            .because("the test kit (artifact ibu-testkit) and the host lab serve tests; nothing that ships uses them");

    static final ArchRule THE_NODE_AGENT_SHIPS_NO_REHEARSAL_OR_MOCK_SERVER = noClasses().that().resideInAPackage(AGENT)
            .should().dependOnClassesThat().resideInAnyPackage(REHEARSAL, "io.fabric8.kubernetes.client.server.mock..",
                    "io.fabric8.mockwebserver..")
            .allowEmptyShould(false)
            .because("the node agent runs as a privileged pod: the rehearsal and its mock API server stay out of it");

    /** A call of, or a method reference to, a JDK method reading the system clock (not {@code Instant.now(clock)}). */
    private static final DescribedPredicate<JavaAccess<?>> READS_THE_SYSTEM_CLOCK = DescribedPredicate.describe(
            "read the system clock", access -> systemClockReader(access.getTargetOwner().getName(), access.getName())
                    && access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target
                    && target.getRawParameterTypes().isEmpty());

    private static boolean systemClockReader(String owner, String method) {
        return owner.equals("java.time.Clock") && List.of("systemUTC", "systemDefaultZone").contains(method)
                || owner.equals("java.lang.System") && method.equals("currentTimeMillis")
                || owner.startsWith("java.time.") && method.equals("now");
    }

    static final ArchRule ONLY_THE_CLOCK_PORT_READS_THE_SYSTEM_CLOCK = noClasses().that().resideInAPackage("dev.ibu..")
            .and().doNotHaveFullyQualifiedName(ClockPort.class.getName())
            .should().accessTargetWhere(READS_THE_SYSTEM_CLOCK)
            .allowEmptyShould(false)
            .because("one clock default: ClockPort.system()/systemClock() decide the real time; everything else is "
                    + "given a ClockPort (or a java.time.Clock from it), so tests and embedders control time");

    // ---- end of issue 10's rules --------------------------------------------------------------------------------

    static Stream<Arguments> rulesWithBadFixtures() {
        return Stream.of(
                Arguments.of("domain depends on nothing of ours", DOMAIN_DEPENDS_ON_NOTHING_OF_OURS,
                        new Class<?>[] {DomainUsesPorts.class, PortsPlain.class}),
                Arguments.of("ports depend only on the domain", PORTS_DEPEND_ONLY_ON_THE_DOMAIN,
                        new Class<?>[] {PortsUsesAdapter.class, K8sPlain.class}),
                Arguments.of("ports use only JDK, vavr, slf4j", PORTS_USE_ONLY_JDK_VAVR_SLF4J,
                        new Class<?>[] {PortsUsesPicocli.class}),
                Arguments.of("the codec uses only domain, vavr, Jackson (-> fabric8 client)",
                        CODEC_USES_ONLY_DOMAIN_VAVR_JACKSON, new Class<?>[] {CodecUsesFabric8Client.class}),
                Arguments.of("the codec uses only domain, vavr, Jackson (-> ports)",
                        CODEC_USES_ONLY_DOMAIN_VAVR_JACKSON, new Class<?>[] {CodecUsesPorts.class, PortsPlain.class}),
                Arguments.of("adapters do not know each other (k8s -> host)", ADAPTERS_DO_NOT_KNOW_EACH_OTHER,
                        new Class<?>[] {K8sUsesHost.class, HostPlain.class}),
                Arguments.of("adapters do not know each other (oadp -> k8s)", ADAPTERS_DO_NOT_KNOW_EACH_OTHER,
                        new Class<?>[] {OadpUsesK8s.class, K8sPlain.class}),
                Arguments.of("adapters do not depend on the agent", ADAPTERS_DO_NOT_DEPEND_ON_THE_AGENT,
                        new Class<?>[] {OadpUsesAgent.class, AgentPlain.class}),
                Arguments.of("only the agent depends on the agent", ONLY_THE_AGENT_DEPENDS_ON_THE_AGENT,
                        new Class<?>[] {PortsUsesAgent.class, AgentPlain.class}),
                Arguments.of("no package cycles", NO_PACKAGE_CYCLES,
                        new Class<?>[] {CycleA.class, CycleB.class}),
                // issue 10
                Arguments.of("adapters do not use the engine", ADAPTERS_DO_NOT_USE_THE_ENGINE_OR_THE_TEST_KIT,
                        new Class<?>[] {OadpUsesEngine.class}),
                Arguments.of("adapters do not use the test kit", ADAPTERS_DO_NOT_USE_THE_ENGINE_OR_THE_TEST_KIT,
                        new Class<?>[] {OadpUsesTestKit.class}),
                Arguments.of("ports.in does not know ports.out", THE_DRIVING_PORT_DOES_NOT_KNOW_THE_SPI,
                        new Class<?>[] {InUsesOut.class}),
                Arguments.of("ports.out does not know ports.in", THE_SPI_DOES_NOT_KNOW_THE_DRIVING_PORT,
                        new Class<?>[] {OutUsesIn.class}),
                Arguments.of("production does not use the test kit",
                        PRODUCTION_DOES_NOT_USE_THE_TEST_KIT_OR_THE_HOST_LAB, new Class<?>[] {AgentUsesTestKit.class}),
                Arguments.of("production does not use the host lab",
                        PRODUCTION_DOES_NOT_USE_THE_TEST_KIT_OR_THE_HOST_LAB, new Class<?>[] {K8sUsesHostLab.class}),
                Arguments.of("the node agent does not use the rehearsal",
                        THE_NODE_AGENT_SHIPS_NO_REHEARSAL_OR_MOCK_SERVER,
                        new Class<?>[] {AgentUsesRehearsal.class, RehearsalPlain.class}),
                Arguments.of("the node agent does not use the mock API server",
                        THE_NODE_AGENT_SHIPS_NO_REHEARSAL_OR_MOCK_SERVER, new Class<?>[] {AgentUsesMockServer.class}),
                Arguments.of("the node agent does not use mockwebserver",
                        THE_NODE_AGENT_SHIPS_NO_REHEARSAL_OR_MOCK_SERVER,
                        new Class<?>[] {AgentUsesMockWebServer.class}),
                Arguments.of("only ClockPort reads the system clock (a call)",
                        ONLY_THE_CLOCK_PORT_READS_THE_SYSTEM_CLOCK, new Class<?>[] {K8sReadsTheSystemClock.class}),
                Arguments.of("only ClockPort reads the system clock (a method reference)",
                        ONLY_THE_CLOCK_PORT_READS_THE_SYSTEM_CLOCK,
                        new Class<?>[] {AgentReferencesTheSystemClock.class}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesWithBadFixtures")
    void the_modules_obey(String name, ArchRule rule, Class<?>[] fixture) {
        rule.check(MAIN);
    }

    @ParameterizedTest(name = "{0} reports a violation on its bad fixture")
    @MethodSource("rulesWithBadFixtures")
    void each_rule_bites_on_a_bad_fixture(String name, ArchRule rule, Class<?>[] fixture) {
        assertThat(rule.evaluate(fixture(fixture)).hasViolation()).isTrue();
    }

    @ParameterizedTest(name = "{0} fails on an empty selection")
    @MethodSource("rulesWithBadFixtures")
    void each_rule_fails_on_an_empty_selection(String name, ArchRule rule, Class<?>[] fixture) {
        JavaClasses nothingOfOurs = fixture(String.class);
        assertThatThrownBy(() -> rule.evaluate(nothingOfOurs)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    static Stream<String> declaredPackages() {
        return DECLARED_PACKAGES.stream();
    }

    @ParameterizedTest(name = "{0} holds classes")
    @MethodSource("declaredPackages")
    void every_declared_package_holds_classes(String pkg) {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().equals(pkg)
                        || c.getPackageName().startsWith(pkg + ".")).count())
                .as("main classes in %s", pkg).isPositive();
    }

    @Test
    void test_only_fixtures_are_not_among_the_checked_classes() {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().contains("archfixture")).map(JavaClass::getName))
                .isEmpty();
        assertThat(MAIN.stream().filter(c -> c.getName().endsWith("ArchTest")).map(JavaClass::getName)).isEmpty();
    }

    @Test
    void a_clean_fixture_set_passes_every_rule_that_selects_it() {
        JavaClasses clean = fixture(PortsPlain.class, K8sPlain.class, HostPlain.class);
        for (ArchRule rule : List.of(PORTS_DEPEND_ONLY_ON_THE_DOMAIN, PORTS_USE_ONLY_JDK_VAVR_SLF4J,
                ADAPTERS_DO_NOT_KNOW_EACH_OTHER, NO_PACKAGE_CYCLES, ONLY_THE_AGENT_DEPENDS_ON_THE_AGENT,
                ADAPTERS_DO_NOT_USE_THE_ENGINE_OR_THE_TEST_KIT, PRODUCTION_DOES_NOT_USE_THE_TEST_KIT_OR_THE_HOST_LAB,
                ONLY_THE_CLOCK_PORT_READS_THE_SYSTEM_CLOCK)) {
            assertThat(rule.evaluate(clean).hasViolation()).as("%s", rule.getDescription()).isFalse();
        }
    }

    @Test
    void a_clean_codec_fixture_passes_the_codec_rule() {
        assertThat(CODEC_USES_ONLY_DOMAIN_VAVR_JACKSON.evaluate(fixture(CodecPlain.class)).hasViolation()).isFalse();
    }
}
