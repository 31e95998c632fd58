package dev.ibu.ports.testkit;

import dev.ibu.apiserver.admission.CustomResourceAdmission;
import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.GroupKind;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Status;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CRD's own admission of a user's spec edit: the shipped CRD (ibu-agent/deploy/crd, copied onto this artifact's
 * class path at build time; ibu-agent checks it against the generator) evaluated by ibu-apiserver's admission, that
 * is its structural schema and its {@code x-kubernetes-validations} (CEL, with {@code oldSelf}) as the API server
 * applies them, in the API server's words. No restatement of the rules here: change the CRD and this follows.
 */
final class CrdAdmission {
    static final String RESOURCE = "/dev/ibu/ports/testkit/crd/imagebasedupgrades.yaml";
    private static final GroupKind KIND = new GroupKind("lca.openshift.io", IbuCodec.KIND);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CustomResourceAdmission ADMISSION = compile();

    private CrdAdmission() {
    }

    /** The API server's 422 message for {@code updated} replacing {@code old}'s spec, if it would refuse it. */
    static Option<String> reject(ImageBasedUpgrade old, Spec updated) {
        ObjectNode before = tree(old);
        ObjectNode after = tree(old.withSpec(updated));
        ADMISSION.pruneAndDefault(after);
        List<FieldError> errors = ADMISSION.validate(after, before, List.of());
        return errors.isEmpty() ? Option.none()
                : Option.some(StatusError.invalid(KIND, old.metadata().name(), errors).getMessage());
    }

    /** The object as the API server stores it; the domain's empty status is no status at all. */
    private static ObjectNode tree(ImageBasedUpgrade ibu) {
        ObjectNode node = (ObjectNode) JSON.readTree(IbuCodec.toJson(ibu));
        if (ibu.status().equals(Status.EMPTY)) {
            node.remove("status");
        }
        return node;
    }

    private static CustomResourceAdmission compile() {
        try (InputStream in = CrdAdmission.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from ibu-testkit's class path: the build copies "
                        + "ibu-agent/deploy/crd/imagebasedupgrades.yaml there (see ibu-testkit's pom)");
            }
            JsonNode crd = YAMLMapper.builder().build().readTree(in);
            return CustomResourceAdmission.compile(crd.path("spec").path("versions").get(0).path("schema")
                    .path("openAPIV3Schema"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
