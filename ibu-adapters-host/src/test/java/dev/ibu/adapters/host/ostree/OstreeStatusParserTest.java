package dev.ibu.adapters.host.ostree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OstreeStatusParserTest {

    private static final String A = "ac02094f6bf92816a4712f3bd4ead0e203a70ea7f64866d84be2703f3ffc06cf";
    private static final String B = "9be4d2f124b33442b82b854d07349957a0e8420ced84badab098557f046d5c7b";

    @Test
    void parses_booted_default_details_and_markers() {
        String out = "  rhcos_4.16.0 " + B + ".0 (pending)\n    origin refspec: rhcos/v2\n"
            + "* rhcos " + A + ".1\n    Version: 415.lab\n    origin refspec: rhcos/v1\n"
            + "  rhcos " + A + ".0 (rollback)\n    origin: <unknown origin type>\n";
        List<OstreeDeployment> d = OstreeStatusParser.parse(out);
        assertThat(d).containsExactly(new OstreeDeployment(0, "rhcos_4.16.0", B, 0, false),
            new OstreeDeployment(1, "rhcos", A, 1, true), new OstreeDeployment(2, "rhcos", A, 0, false));
    }

    @Test
    void osname_with_dashes_is_kept_whole() {
        List<OstreeDeployment> d = OstreeStatusParser.parse("* rhcos_192-168-1-10_vlan-5 " + A + ".3\n");
        assertThat(d.get(0).osname()).isEqualTo("rhcos_192-168-1-10_vlan-5");
        assertThat(d.get(0).deploymentName()).isEqualTo(A + ".3");
    }

    @Test
    void empty_and_unknown_output() {
        assertThat(OstreeStatusParser.parse("No deployments.\n")).isEmpty();
        assertThatThrownBy(() -> OstreeStatusParser.parse("garbage here\n"))
            .hasMessageContaining("unexpected line in `ostree admin status` output: \"garbage here\"");
    }
}
