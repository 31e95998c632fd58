package dev.ibu.adapters.k8s.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.codec.fleet.IbguCodec;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.PlanRules;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

/**
 * The IBGU CRD on the strict API server (schema + CEL): TALM's manifests apply unchanged, ibu's fields are admitted
 * and checked, the plan is append only and limited to TALM's 26 sequences (the same list as PlanRules).
 */
class IbguCrdIT {
    private static ApiServer server;
    private static KubernetesClient admin;

    @BeforeAll
    static void start() {
        server = HubFixtures.hub();
        admin = server.clientAs(Identity.admin());
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    private static GenericKubernetesResource create(String yaml) {
        return (GenericKubernetesResource) admin.resource(yaml).inNamespace("default").create();
    }

    private static String sample(String file) throws Exception {
        return Files.readString(HubFixtures.CODEC_SAMPLES.resolve(file));
    }

    @Test
    void talms_readme_plan_applies_unchanged_and_reads_back_as_the_codec_reads_the_file() throws Exception {
        String yaml = sample("talm-readme-plan.yaml");
        GenericKubernetesResource stored = create(yaml);
        ImageBasedGroupUpgrade fromServer = IbguCodec.fromYaml(Serialization.asYaml(stored)).get();
        ImageBasedGroupUpgrade fromFile = IbguCodec.fromYaml(yaml).get();
        assertThat(fromServer).isEqualTo(fromFile);
        assertThat(fromServer.plan()).hasSize(5);
    }

    @Test
    void the_documentation_example_applies_with_only_its_name_placeholder_filled() throws Exception {
        // docs.okd.io's example names the IBGU "<filename>", which no API server admits as metadata.name; everything
        // else (the "<seed_pull_secret>" placeholder included) is applied as written
        String yaml = sample("talm-docs-ibgu.yaml").replace("name: <filename>", "name: ibgu-docs-example");
        GenericKubernetesResource stored = create(yaml);
        assertThat(IbguCodec.fromYaml(Serialization.asYaml(stored)).get().plan().head().actions()).hasSize(3);
        assertThatThrownBy(() -> create(sample("talm-docs-ibgu.yaml")))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("metadata.name");
    }

    @Test
    void ibus_fields_are_admitted() throws Exception {
        GenericKubernetesResource stored = create(sample("ibu-extensions.yaml"));
        ImageBasedGroupUpgrade g = IbguCodec.fromYaml(Serialization.asYaml(stored)).get();
        assertThat(g.plan().head().rolloutStrategy().canary().get().names()).containsExactly("sno-0007", "sno-0042");
        assertThat(g.plan().get(1).rolloutStrategy().maxFailures().get().value()).isEqualTo(3);
    }

    @Test
    void a_bad_budget_canary_or_sequence_is_refused_naming_the_rule() throws Exception {
        String base = sample("ibu-extensions.yaml").replace("name: canary-and-budget", "name: refused");
        assertThatThrownBy(() -> create(base.replace("maxFailures: \"10%\"", "maxFailures: \"ten\"")))
                .hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> create(base.replace("clusters: 5", "clusters: 0")))
                .hasMessageContaining("canary.clusters");
        assertThatThrownBy(() -> create(base.replace("onFailure: Hold", "onFailure: Ignore")))
                .hasMessageContaining("onFailure");
        assertThatThrownBy(() -> create(base.replace("actions: [Upgrade, FinalizeUpgrade]", "actions: [Upgrade, Prep]")))
                .hasMessageContaining("invalid combinations of actions");
    }

    @Test
    void the_plan_is_append_only() throws Exception {
        String yaml = sample("talm-readme-plan.yaml").replace("name: upgrade-4.15.0", "name: append-only");
        create(yaml);
        var ibgus = admin.genericKubernetesResources(IbguCodec.API_VERSION, IbguCodec.KIND).inNamespace("default");
        assertThatThrownBy(() -> ibgus.withName("append-only").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/plan/0/rolloutStrategy/maxConcurrency\",\"value\":1}]"))
                .hasMessageContaining("plan is append only");
        assertThatThrownBy(() -> ibgus.withName("append-only").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/clusterLabelSelectors/-\",\"value\":{\"matchLabels\":{\"a\":\"b\"}}}]"))
                .hasMessageContaining("clusterLabelSelectors is immutable");
    }

    @Test
    void the_deployed_crd_is_the_one_the_adapters_carry() throws Exception {
        assertThat(Files.readString(HubFixtures.IBGU_CRD)).isEqualTo(HubCrds.ibguCrd());
    }

    @Test
    void the_crd_whitelist_is_plan_rules_whitelist() throws Exception {
        String crd = Files.readString(HubFixtures.IBGU_CRD);
        String literal = PlanRules.ALLOWED.map(seq -> seq.map(item -> item.map(a -> "'" + a.wireName() + "'")
                .mkString("[", ", ", "]")).mkString("[", ", ", "]")).mkString("[", ", ", "]");
        assertThat(crd).contains("rule: \"" + literal + ".exists(x, x == self.map(y, y.actions))\"");
    }
}
