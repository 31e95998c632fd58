package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * cert-manager's TLS Secrets carried over (upstream {@code PreserveCertManagerConfig}): the Secrets named by
 * Certificates' {@code spec.secretName} (absent ones skipped) as {@code 03_certmanager_Secret_<name>_<ns>.json},
 * their namespaces other than {@code default}, {@code openshift}, {@code openshift-*} and {@code kube-*} as
 * {@code 01_certmanager_Namespace_<ns>.json}, and, for recert's {@code use_key} rules, the decoded {@code tls.key}
 * of each whose {@code tls.crt} has a CN as {@code CN=<cn>__<ns>_<name>.key}. Certificates, Issuers and
 * ClusterIssuers are not carried (cert-manager's webhook does not run when they would be applied). Logs name Secrets,
 * never their data.
 */
final class CertManagerExport {
    private static final Logger LOG = LoggerFactory.getLogger(CertManagerExport.class);
    static final String CRD = "certificates.cert-manager.io";
    static final ResourceDefinitionContext CERTIFICATE = Kinds.namespaced("cert-manager.io", "v1", "Certificate",
            "certificates");

    record Export(LinkedHashMap<String, String> manifests, LinkedHashMap<String, String> keys) {
    }

    private final ClusterReader r;

    CertManagerExport(ClusterReader r) {
        this.r = r;
    }

    Export read() {
        LinkedHashMap<String, String> manifests = LinkedHashMap.empty();
        LinkedHashMap<String, String> keys = LinkedHashMap.empty();
        if (!r.crdExists(CRD)) {
            return new Export(manifests, keys);
        }
        TreeSet<Tuple2<String, String>> refs = TreeSet.empty();
        for (GenericKubernetesResource cert : r.list(CERTIFICATE)) {
            String secretName = dev.ibu.adapters.k8s.Json.string(cert, "spec", "secretName");
            if (secretName != null && !secretName.isEmpty()) {
                refs = refs.add(Tuple.of(cert.getMetadata().getNamespace(), secretName));
            }
        }
        TreeSet<String> namespaces = TreeSet.empty();
        for (Tuple2<String, String> ref : refs) {
            var secret = r.find(ClusterReader.SECRET, ref._1, ref._2);
            if (secret.isEmpty()) {
                LOG.info("Secret {}/{} named by a cert-manager Certificate not found, skipping", ref._1, ref._2);
                continue;
            }
            namespaces = namespaces.add(ref._1);
            manifests = manifests.put("03_certmanager_Secret_" + ref._2 + "_" + ref._1 + ".json",
                    CarriedManifests.json(CarriedManifests.cleaned(secret.get(), ClusterReader.SECRET)));
            keys = key(secret.get(), ref).map(keys::put).getOrElse(keys);
        }
        for (String ns : namespaces.filter(CertManagerExport::carried)) {
            manifests = manifests.put("01_certmanager_Namespace_" + ns + ".json", CarriedManifests.json(Map.of(
                    "apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", ns))));
        }
        return new Export(manifests, keys);
    }

    /** The well-known namespaces already exist in the seed's stateroot. */
    static boolean carried(String ns) {
        return !(ns.startsWith("openshift-") || ns.startsWith("kube-") || ns.equals("default")
                || ns.equals("openshift"));
    }

    private static io.vavr.control.Option<Tuple2<String, String>> key(GenericKubernetesResource secret,
            Tuple2<String, String> ref) {
        Object data = secret.getAdditionalProperties().get("data");
        Object crt = data instanceof Map ? ((Map<?, ?>) data).get("tls.crt") : null;
        Object key = data instanceof Map ? ((Map<?, ?>) data).get("tls.key") : null;
        if (crt == null || key == null) {
            LOG.info("Secret {}/{} has no tls.crt or tls.key, no recert use_key rule for it", ref._1, ref._2);
            return io.vavr.control.Option.none();
        }
        String cn = Certificates.commonName(decode(crt, ref, "tls.crt")).getOrElse("");
        if (cn.isEmpty() || !fileNameSafe(cn)) {
            LOG.info("Secret {}/{}: certificate without a usable CN, restored through its manifest only", ref._1,
                    ref._2);
            return io.vavr.control.Option.none();
        }
        return io.vavr.control.Option.some(Tuple.of("CN=" + cn + "__" + ref._1 + "_" + ref._2 + ".key",
                decode(key, ref, "tls.key")));
    }

    /** A CN becomes part of a file name: one that could not be one is left out (upstream would fail to write it). */
    static boolean fileNameSafe(String cn) {
        return !(cn.contains("/") || cn.contains("\\") || cn.contains("..") || cn.indexOf('\0') >= 0);
    }

    private static String decode(Object base64, Tuple2<String, String> ref, String key) {
        try {
            return new String(Base64.getDecoder().decode(String.valueOf(base64)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SourceFailure(PortFailure.invalid("failed to decode " + key + " for " + ref._1 + "/" + ref._2
                    + ": not base64"));
        }
    }
}
