package dev.ibu.agent;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CrdCommandTest {

    @Test
    void prints_the_generated_crd_as_yaml_that_reads_back_as_a_crd() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"crd"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));

        assertThat(code).isZero();
        CustomResourceDefinition crd = Serialization.unmarshal(out.toString(), CustomResourceDefinition.class);
        assertThat(crd.getMetadata().getName()).isEqualTo("imagebasedupgrades.lca.openshift.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("ibu");
        assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
    }
}
