package dev.ibu.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.ibu.domain.archfixtures.DomainViolations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * ARCHITECTURE.md: "The domain has no I/O, no clock (time is a parameter), no logging framework and no mutable shared
 * state", and depends on the JDK and vavr only. Every rule is also evaluated against a deliberately bad fixture.
 */
class DomainPurityArchTest {
    private static final String DOMAIN = "dev.ibu.domain..";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ibu.domain");

    static final ArchRule ONLY_JDK_AND_VAVR = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.vavr..", DOMAIN)
            .allowEmptyShould(false)
            .because("the domain may depend on the JDK and vavr only");

    static final ArchRule NO_IO = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..")
            .allowEmptyShould(false)
            .because("the domain does no I/O");

    private static final DescribedPredicate<JavaMethodCall> READS_THE_CLOCK =
            DescribedPredicate.describe("reads the system clock", call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                boolean nowOfTime = owner.startsWith("java.time.") && name.equals("now");
                boolean clockSystem = owner.equals("java.time.Clock") && name.startsWith("system");
                boolean system = owner.equals("java.lang.System")
                        && (name.equals("currentTimeMillis") || name.equals("nanoTime"));
                return nowOfTime || clockSystem || system;
            });

    static final ArchRule NO_CLOCK = noClasses().that().resideInAPackage(DOMAIN)
            .should().callMethodWhere(READS_THE_CLOCK)
            .orShould().callConstructor(java.util.Date.class)
            .allowEmptyShould(false)
            .because("time is a parameter of the domain (Stamp.now), never read from the system");

    static final ArchRule NO_THREADS = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
            .allowEmptyShould(false)
            .because("the domain has no threads and no shared mutable state");

    static final ArchRule NO_LOGGING = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.slf4j..", "java.util.logging..",
                    "ch.qos.logback..", "org.apache.logging..", "java.lang.System$Logger")
            .orShould().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .allowEmptyShould(false)
            .because("the domain returns decisions; the engine logs");

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("only JDK and vavr", ONLY_JDK_AND_VAVR, DomainViolations.UsesAThirdPartyLibrary.class),
                Arguments.of("no java.io", NO_IO, DomainViolations.UsesIo.class),
                Arguments.of("no java.nio", NO_IO, DomainViolations.UsesNio.class),
                Arguments.of("no java.net", NO_IO, DomainViolations.UsesNet.class),
                Arguments.of("no Instant.now()", NO_CLOCK, DomainViolations.ReadsTheClockWithInstantNow.class),
                Arguments.of("no currentTimeMillis", NO_CLOCK,
                        DomainViolations.ReadsTheClockWithCurrentTimeMillis.class),
                Arguments.of("no Clock.system*", NO_CLOCK, DomainViolations.ReadsTheSystemClock.class),
                Arguments.of("no LocalDateTime.now()", NO_CLOCK, DomainViolations.ReadsLocalDateTimeNow.class),
                Arguments.of("no threads", NO_THREADS, DomainViolations.StartsAThread.class),
                Arguments.of("no java.util.concurrent", NO_THREADS, DomainViolations.UsesConcurrency.class),
                Arguments.of("no java.util.logging", NO_LOGGING, DomainViolations.LogsWithJul.class),
                Arguments.of("no System.out", NO_LOGGING, DomainViolations.PrintsToStdout.class),
                Arguments.of("no System.err", NO_LOGGING, DomainViolations.PrintsToStderr.class));
    }

    static Stream<ArchRule> distinctRules() {
        return Stream.of(ONLY_JDK_AND_VAVR, NO_IO, NO_CLOCK, NO_THREADS, NO_LOGGING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distinctRules")
    void the_domain_obeys(ArchRule rule) {
        rule.check(MAIN);
    }

    @ParameterizedTest(name = "{0} reports a violation on {2}")
    @MethodSource("rules")
    void each_rule_bites_on_its_bad_fixture(String name, ArchRule rule, Class<?> badFixture) {
        assertThat(rule.evaluate(new ClassFileImporter().importClasses(badFixture)).hasViolation()).isTrue();
    }

    @ParameterizedTest(name = "{0} passes on a pure fixture")
    @MethodSource("rules")
    void a_pure_fixture_passes_every_rule(String name, ArchRule rule, Class<?> badFixture) {
        assertThat(rule.evaluate(new ClassFileImporter().importClasses(DomainViolations.Pure.class)).hasViolation())
                .isFalse();
    }

    @Test
    void the_rules_see_the_domain_and_fail_on_an_empty_selection() {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().equals("dev.ibu.domain")).count())
                .as("classes imported from dev.ibu.domain").isGreaterThan(20);
        assertThat(MAIN.contain(StageMachine.class)).isTrue();
        JavaClasses nothingOfOurs = new ClassFileImporter().importClasses(String.class);
        distinctRules().forEach(rule ->
            assertThatThrownBy(() -> rule.evaluate(nothingOfOurs)).as("empty should fails: %s", rule)
                    .isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes"));
    }
}
