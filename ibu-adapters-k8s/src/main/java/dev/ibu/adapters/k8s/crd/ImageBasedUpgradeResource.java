package dev.ibu.adapters.k8s.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.ibu.codec.wire.IbuSpec;
import dev.ibu.codec.wire.IbuStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The cluster-scoped singleton {@code ImageBasedUpgrade} named {@code upgrade}. The CRD is generated from
 * this class (it does not implement {@code Namespaced}, hence cluster scope) and checked against upstream.
 */
@JsonClassDescription("ImageBasedUpgrade is the Schema for the ImageBasedUpgrades API")
@Group(ImageBasedUpgradeResource.GROUP)
@Version(ImageBasedUpgradeResource.VERSION)
@Kind("ImageBasedUpgrade")
@Plural(ImageBasedUpgradeResource.PLURAL)
@Singular("imagebasedupgrade")
@ShortNames("ibu")
@ValidationRule(value = CelRules.SINGLETON_RULE, message = CelRules.SINGLETON_MESSAGE)
@ValidationRule(value = CelRules.SEED_IMAGE_REF_RULE, message = CelRules.SEED_IMAGE_REF_MESSAGE)
@ValidationRule(value = CelRules.OADP_CONTENT_RULE, message = CelRules.OADP_CONTENT_MESSAGE)
@ValidationRule(value = CelRules.EXTRA_MANIFESTS_RULE, message = CelRules.EXTRA_MANIFESTS_MESSAGE)
@ValidationRule(value = CelRules.AUTO_ROLLBACK_RULE, message = CelRules.AUTO_ROLLBACK_MESSAGE)
@ValidationRule(value = CelRules.TRANSITION_RULE, message = CelRules.TRANSITION_MESSAGE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Desired Stage", jsonPath = ".spec.stage")
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.conditions[-1:].reason")
@AdditionalPrinterColumn(name = "Details", jsonPath = ".status.conditions[-1:].message")
public class ImageBasedUpgradeResource extends CustomResource<IbuSpec, IbuStatus> {
    public static final String GROUP = "lca.openshift.io";
    public static final String VERSION = "v1";
    public static final String PLURAL = "imagebasedupgrades";
    public static final String CRD_NAME = PLURAL + "." + GROUP;
    /** The only name the CEL singleton rule admits. */
    public static final String NAME = "upgrade";
    private static final long serialVersionUID = 1L;
}
