package dev.ibu.adapters.k8s.config;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.PullSecretPort;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.control.Either;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Reads {@code .dockerconfigjson} of the Secret named by {@code spec.seedImageRef.pullSecretRef.name} in the
 * agent's namespace. The secret's content is never logged nor put in a message.
 */
public final class PullSecretAdapter implements PullSecretPort {
    public static final String KEY = ".dockerconfigjson";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final KubernetesClient client;
    private final String namespace;

    /** @param namespace the agent's namespace ({@code MY_POD_NAMESPACE}, default {@code openshift-lifecycle-agent}) */
    public PullSecretAdapter(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = Objects.requireNonNull(namespace);
    }

    @Override
    public Either<PortFailure, PullSecret> read(String secretName) {
        String what = "Secret " + namespace + "/" + secretName + " (spec.seedImageRef.pullSecretRef.name)";
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from(what, e));
        }
        if (secret == null) {
            return Either.left(PortFailure.notFound(what + " not found: create it in namespace " + namespace
                    + " with key " + KEY + ", or fix spec.seedImageRef.pullSecretRef.name"));
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(KEY);
        if (encoded != null) {
            try {
                return checked(what, secretName,
                        new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // the decoder's message may quote the offending characters: keep it out of the message
                return Either.left(PortFailure.invalid(what + " key " + KEY + " is not valid base64: recreate the "
                        + "secret with kubectl create secret docker-registry"));
            }
        }
        String plain = secret.getStringData() == null ? null : secret.getStringData().get(KEY);
        if (plain != null) {
            return checked(what, secretName, plain);
        }
        return Either.left(PortFailure.notFound(what + " has no key " + KEY + ": create it with type "
                + "kubernetes.io/dockerconfigjson (kubectl create secret docker-registry)"));
    }

    /** The port contract: one JSON object, else Invalid naming the Secret and key (the parser's text may quote it). */
    private static Either<PortFailure, PullSecret> checked(String what, String secretName, String json) {
        boolean object;
        try {
            object = JSON.readTree(json).isObject();
        } catch (JacksonException e) {
            object = false;
        }
        return object ? Either.right(new PullSecret(secretName, json)) : Either.left(PortFailure.invalid(what
                + " key " + KEY + " is not a JSON object: recreate it with kubectl create secret docker-registry"));
    }
}
