package dev.ibu.agent.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.agent.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every cell of stage-machine.md §3.5 through the real CLI: situation x requested stage -> valid list before,
 * requested, allowed, handler, valid list after, and the condition that shows the result.
 */
class ExplainTransitionTableTest {
    private static final String IDLE_IP = "Idle|False|InProgress|In progress";
    private static final String PREP_DONE = IDLE_IP + ";PrepInProgress|False|Completed|Prep completed"
            + ";PrepCompleted|True|Completed|Prep stage completed successfully";
    private static final Map<String, String> SITUATIONS = Map.ofEntries(
            Map.entry("fresh", ""),
            Map.entry("idle", "Idle|True|Idle|Idle"),
            Map.entry("prepRunning", IDLE_IP + ";PrepInProgress|True|InProgress|In progress"),
            Map.entry("prepDone", PREP_DONE),
            Map.entry("prepFailed", IDLE_IP + ";PrepCompleted|False|Failed|Prep failed"
                    + ";PrepInProgress|False|Failed|boom"),
            Map.entry("upgradeRunning", PREP_DONE + ";UpgradeInProgress|True|InProgress|In progress"),
            Map.entry("upgradeDone", PREP_DONE + ";UpgradeInProgress|False|Completed|Upgrade completed"
                    + ";UpgradeCompleted|True|Completed|Upgrade completed"),
            Map.entry("upgradeFailed", PREP_DONE + ";UpgradeCompleted|False|Failed|Upgrade failed"
                    + ";UpgradeInProgress|False|Failed|boom"),
            Map.entry("rollbackRunning", PREP_DONE + ";UpgradeCompleted|False|Failed|Rollback requested"
                    + ";UpgradeInProgress|False|Failed|Rollback requested;RollbackInProgress|True|InProgress|In progress"),
            Map.entry("rollbackDone", PREP_DONE + ";UpgradeCompleted|False|Failed|Rollback requested"
                    + ";UpgradeInProgress|False|Failed|Rollback requested"
                    + ";RollbackInProgress|False|Completed|Rollback completed"
                    + ";RollbackCompleted|True|Completed|Rollback completed"),
            Map.entry("rollbackFailed", PREP_DONE + ";UpgradeCompleted|False|Failed|Rollback requested"
                    + ";UpgradeInProgress|False|Failed|Rollback requested"
                    + ";RollbackCompleted|False|Failed|Rollback failed;RollbackInProgress|False|Failed|boom"),
            Map.entry("aborting", "PrepInProgress|True|InProgress|In progress;Idle|False|Aborting|Aborting"),
            Map.entry("abortFailed", "PrepInProgress|True|InProgress|In progress;Idle|False|AbortFailed|x"),
            Map.entry("finalizing", PREP_DONE.replace(IDLE_IP + ";", "")
                    + ";UpgradeCompleted|True|Completed|Upgrade completed;Idle|False|Finalizing|Finalizing"),
            Map.entry("blocked", "Idle|False|Blocked|IPC is not idle"));

    @ParameterizedTest(name = "{0} ap={1} request {2}")
    @CsvSource(delimiter = ',', nullValues = "-", textBlock = """
            # situation, afterPivot, request, validBefore, requested, allowed, handler, validAfter, expected last condition (type|status|reason|message) or -
            fresh,         false, Idle,     Idle,         true,  true,  '',       Prep,         Idle|True|Idle|Idle
            fresh,         false, Prep,     Idle,         true,  false, '',       Idle,         PrepInProgress|False|InvalidTransition|Previous stage not succeeded
            fresh,         true,  Upgrade,  Idle,         true,  false, '',       Idle,         UpgradeInProgress|False|InvalidTransition|Previous stage not succeeded
            fresh,         false, Rollback, Idle,         true,  false, '',       Idle,         RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            idle,          false, Idle,     Prep,         false, -,     '',       Prep,         Idle|True|Idle|Idle
            idle,          false, Prep,     Prep,         true,  true,  Prep,     Idle,         PrepInProgress|True|InProgress|In progress
            idle,          false, Upgrade,  Prep,         true,  false, '',       Prep,         UpgradeInProgress|False|InvalidTransition|Previous stage not succeeded
            idle,          false, Rollback, Prep,         true,  false, '',       Prep,         RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            prepRunning,   false, Idle,     Idle,         true,  true,  Idle,     '',           Idle|False|Aborting|Aborting
            prepRunning,   false, Prep,     Idle,         false, -,     Prep,     Idle,         PrepInProgress|True|InProgress|In progress
            prepRunning,   false, Upgrade,  Idle,         true,  false, Prep,     Idle,         UpgradeInProgress|False|InvalidTransition|Previous stage not succeeded
            prepRunning,   false, Rollback, Idle,         true,  false, Prep,     Idle,         RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            prepDone,      false, Idle,     Idle;Upgrade, true,  true,  Idle,     '',           Idle|False|Aborting|Aborting
            prepDone,      false, Prep,     Idle;Upgrade, false, -,     '',       Idle;Upgrade, PrepCompleted|True|Completed|Prep stage completed successfully
            prepDone,      false, Upgrade,  Idle;Upgrade, true,  true,  Upgrade,  Idle,         UpgradeInProgress|True|InProgress|In progress
            prepDone,      true,  Upgrade,  Idle;Upgrade, true,  true,  Upgrade,  Rollback,     UpgradeInProgress|True|InProgress|In progress
            prepDone,      false, Rollback, Idle;Upgrade, true,  false, '',       Idle;Upgrade, RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            prepFailed,    false, Idle,     Idle,         true,  true,  Idle,     '',           Idle|False|Aborting|Aborting
            prepFailed,    false, Prep,     Idle,         false, -,     '',       Idle,         PrepInProgress|False|Failed|boom
            prepFailed,    false, Upgrade,  Idle,         true,  false, '',       Idle,         UpgradeInProgress|False|InvalidTransition|Previous stage not succeeded
            prepFailed,    false, Rollback, Idle,         true,  false, '',       Idle,         RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            upgradeRunning,false, Idle,     Idle,         true,  true,  Idle,     '',           Idle|False|Aborting|Aborting
            upgradeRunning,false, Upgrade,  Idle,         false, -,     Upgrade,  Idle,         UpgradeInProgress|True|InProgress|In progress
            upgradeRunning,false, Rollback, Idle,         true,  false, Upgrade,  Idle,         RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            upgradeRunning,true,  Idle,     Rollback,     true,  false, Upgrade,  Rollback,     Idle|False|InvalidTransition|Transition to Idle not allowed - Rollback first
            upgradeRunning,true,  Rollback, Rollback,     true,  true,  Rollback, '',           RollbackInProgress|True|InProgress|In progress
            upgradeDone,   true,  Idle,     Idle;Rollback,true,  true,  Idle,     '',           Idle|False|Finalizing|Finalizing
            upgradeDone,   true,  Upgrade,  Idle;Rollback,false, -,     '',       Idle;Rollback,UpgradeCompleted|True|Completed|Upgrade completed
            upgradeDone,   true,  Rollback, Idle;Rollback,true,  true,  Rollback, '',           RollbackInProgress|True|InProgress|In progress
            upgradeFailed, true,  Idle,     Rollback,     true,  false, '',       Rollback,     Idle|False|InvalidTransition|Transition to Idle not allowed - Rollback first
            upgradeFailed, true,  Rollback, Rollback,     true,  true,  Rollback, '',           RollbackInProgress|True|InProgress|In progress
            upgradeFailed, false, Idle,     Idle,         true,  true,  Idle,     '',           Idle|False|Aborting|Aborting
            upgradeFailed, false, Rollback, Idle,         true,  false, '',       Idle,         RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            rollbackRunning,true, Idle,     '',           true,  false, Rollback, '',           Idle|False|InvalidTransition|Transition to Idle not allowed - Rollback is in progress
            rollbackRunning,false,Idle,     '',           true,  false, Rollback, '',           Idle|False|InvalidTransition|Abort or finalize not allowed
            rollbackRunning,true, Rollback, '',           false, -,     Rollback, '',           RollbackInProgress|True|InProgress|In progress
            rollbackDone,  false, Idle,     Idle,         true,  true,  Idle,     '',           Idle|False|Finalizing|Finalizing
            rollbackDone,  false, Rollback, Idle,         false, -,     '',       Idle,         RollbackCompleted|True|Completed|Rollback completed
            rollbackFailed,false, Idle,     '',           true,  false, '',       '',           Idle|False|InvalidTransition|Transition to Idle not allowed - Rollback failed
            rollbackFailed,true,  Idle,     '',           true,  false, '',       '',           Idle|False|InvalidTransition|Transition to Idle not allowed - Rollback failed
            aborting,      false, Idle,     '',           false, -,     Idle,     '',           Idle|False|Aborting|Aborting
            aborting,      false, Prep,     '',           false, -,     Idle,     '',           Idle|False|Aborting|Aborting
            aborting,      false, Upgrade,  '',           true,  false, Idle,     '',           UpgradeInProgress|False|InvalidTransition|Previous stage not succeeded
            abortFailed,   false, Idle,     '',           false, -,     Idle,     '',           Idle|False|AbortFailed|x
            finalizing,    true,  Rollback, '',           true,  false, Idle,     '',           RollbackInProgress|False|InvalidTransition|Upgrade not started or already finalized
            blocked,       false, Idle,     Idle,         true,  true,  Idle,     '',           Idle|False|Aborting|Aborting
            blocked,       false, Prep,     Prep,         true,  true,  Prep,     Idle,         PrepInProgress|True|InProgress|In progress
            blocked,       false, Upgrade,  Upgrade,      true,  true,  Upgrade,  Idle,         UpgradeInProgress|True|InProgress|In progress
            blocked,       false, Rollback, Rollback,     true,  true,  Rollback, '',           RollbackInProgress|True|InProgress|In progress
            """)
    void cell(String situation, boolean afterPivot, String request, String validBefore, boolean requested,
              Boolean allowed, String handler, String validAfter, String lastCondition) throws Exception {
        JsonNode out = explain(yaml(request, SITUATIONS.get(situation)), afterPivot);

        assertThat(strings(out.get("validNextStagesBefore"))).containsExactlyElementsOf(list(validBefore));
        assertThat(out.get("transitionRequested").asBoolean()).isEqualTo(requested);
        if (allowed == null) {
            assertThat(out.get("transitionAllowed").isNull()).isTrue();
        } else {
            assertThat(out.get("transitionAllowed").asBoolean()).isEqualTo(allowed);
        }
        assertThat(out.get("handlerToRun").asString()).isEqualTo(handler == null ? "" : handler);
        assertThat(strings(out.get("validNextStagesAfterTransition"))).containsExactlyElementsOf(list(validAfter));
        JsonNode conditions = out.get("conditionsAfterTransition");
        JsonNode last = conditions.get(conditions.size() - 1);
        assertThat(String.join("|", last.get("type").asString(), last.get("status").asString(),
                last.get("reason").asString(), last.get("message").asString())).isEqualTo(lastCondition);
        assertThat(out.get("plan").asString()).isNotBlank();
    }

    private static List<String> list(String semicolons) {
        return semicolons == null || semicolons.isEmpty() ? List.of() : List.of(semicolons.split(";"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    static String yaml(String stage, String conditions) {
        StringBuilder sb = new StringBuilder("apiVersion: lca.openshift.io/v1\nkind: ImageBasedUpgrade\n"
                + "metadata:\n  name: upgrade\n  generation: 3\nspec:\n  stage: " + stage + "\n"
                + "  seedImageRef: {version: 4.15.2, image: quay.io/example/seed:4.15.2}\n");
        if (!conditions.isEmpty()) {
            sb.append("status:\n  conditions:\n");
            for (String c : conditions.split(";")) {
                String[] f = c.split("\\|");
                sb.append("  - {type: ").append(f[0]).append(", status: \"").append(f[1]).append("\", reason: ")
                        .append(f[2]).append(", message: \"").append(f[3])
                        .append("\", lastTransitionTime: \"2024-01-01T09:00:00Z\", observedGeneration: 3}\n");
            }
        }
        return sb.toString();
    }

    static JsonNode explain(String yaml, boolean afterPivot) throws Exception {
        Path f = Files.createTempFile("ibu", ".yaml");
        try {
            Files.writeString(f, yaml);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> args = new ArrayList<>(List.of("explain", "--file", f.toString(), "--output", "json"));
            if (afterPivot) {
                args.add("--after-pivot");
            }
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
            assertThat(code).as(err.toString()).isZero();
            String[] lines = out.toString().strip().split("\n");
            assertThat(lines).hasSize(1);
            return JsonMapper.builder().build().readTree(lines[0]);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
