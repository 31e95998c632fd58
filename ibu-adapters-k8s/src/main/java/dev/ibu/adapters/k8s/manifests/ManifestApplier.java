package dev.ibu.adapters.k8s.manifests;

import dev.ibu.adapters.k8s.KubeFailures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Option;
import java.util.Map;

/**
 * Applies one manifest the way upstream's {@code ApplyExtraManifest} does (GET; absent: create; present: replace or
 * {@code musthave} merge, written with the live resourceVersion), optionally as a server-side dry run. A create is
 * tried first: for an object that does not exist yet (the common case) that is the only request, for any other the
 * upstream sequence follows (issue 16: one request per new manifest instead of two). The
 * {@code apply-type} and {@code apply-wave} annotations are instructions to us and are not written to the cluster
 * (upstream leaves both on a created object and apply-wave on a replaced one, so an ACM {@code mustonlyhave} policy
 * enforcing the same object after the upgrade would find it non-compliant). An {@code apply-type} other than
 * {@code replace} or {@code merge} is refused before anything is sent (upstream silently did nothing).
 */
final class ManifestApplier {
    static final String REPLACE = "replace";
    static final String MERGE = "merge";

    /** What happened to one manifest. */
    sealed interface Outcome {
    }

    record Applied(String action) implements Outcome {
    }

    /** The kind is not served (CRD not deployed). */
    record NotServed() implements Outcome {
    }

    /** Not sent: the manifest's {@code apply-type} annotation is neither {@code replace} nor {@code merge}. */
    record Refused(String reason) implements Outcome {
    }

    /** The request failed; {@code verb} is get, create, replace or update (the write of a merge), as upstream. */
    record Failed(String verb, String kind, String name, KubernetesClientException error) implements Outcome {
        boolean rejected() {
            return error.getCode() == 400 || error.getCode() == 422;
        }

        String cause() {
            return KubeFailures.cause(error);
        }

        /** Upstream's {@code failed to <verb> manifest <Kind> called <name>: <cause>}. */
        String message() {
            return "failed to " + verb + " manifest " + kind + " called " + name + ": " + cause();
        }
    }

    private final KubernetesClient client;
    private final RestMapper mapper;

    ManifestApplier(KubernetesClient client, RestMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** The namespace the manifest goes to: its own, {@code default} when empty, none for cluster-scoped kinds. */
    Option<String> targetNamespace(Manifest m) {
        return mapper.map(m.apiVersion(), m.kind()).flatMap(ctx -> ctx.isNamespaceScoped()
                ? Option.some(m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace())
                : Option.none());
    }

    boolean served(Manifest m) {
        return mapper.map(m.apiVersion(), m.kind()).isDefined();
    }

    Outcome apply(Manifest m, boolean dryRun) {
        Option<ResourceDefinitionContext> ctx = mapper.map(m.apiVersion(), m.kind());
        if (ctx.isEmpty()) {
            return new NotServed();
        }
        if (!validApplyType(m)) {
            return new Refused(applyTypeProblem(m));
        }
        String type = applyType(m);
        Manifest clean = m.withAnnotation(Manifest.APPLY_TYPE, null).withAnnotation(Manifest.APPLY_WAVE, null);
        Option<String> namespace = targetNamespace(m);
        Option<KubernetesClientException> createFailure = create(ctx.get(), clean, namespace, dryRun);
        if (createFailure.isEmpty()) {
            return new Applied("created");
        }
        GenericKubernetesResource live;
        try {
            live = operation(ctx.get(), namespace).withName(m.name()).get();
        } catch (KubernetesClientException e) {
            return new Failed("get", m.kind(), m.name(), e);
        }
        if (live == null) {
            // upstream's GET said NotFound and it sent the create we just sent: its answer stands (unless that answer
            // was "exists" and the object has gone since, then the create is sent again)
            if (createFailure.get().getCode() != 409) {
                return new Failed("create", m.kind(), m.name(), createFailure.get());
            }
            Option<KubernetesClientException> again = create(ctx.get(), clean, namespace, dryRun);
            return again.isEmpty() ? new Applied("created") : new Failed("create", m.kind(), m.name(), again.get());
        }
        String verb = MERGE.equals(type) ? "update" : "replace";
        try {
            Map<String, Object> body = MERGE.equals(type)
                    ? MustHaveMerge.merge(liveMap(live), clean.object()) : clean.object();
            GenericKubernetesResource desired = resource(body, namespace);
            desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
            var op = operation(ctx.get(), namespace).resource(desired);
            (dryRun ? op.dryRun() : op).update();
            return new Applied(MERGE.equals(type) ? "merged" : "replaced");
        } catch (KubernetesClientException e) {
            return new Failed(verb, m.kind(), m.name(), e);
        }
    }

    /**
     * The one-request path: create straight away (resourceVersion cleared). Accepted means the object did not exist,
     * so upstream's GET would have answered NotFound and sent this very create. None when accepted, else why not.
     */
    private Option<KubernetesClientException> create(ResourceDefinitionContext ctx, Manifest clean,
            Option<String> namespace, boolean dryRun) {
        GenericKubernetesResource desired = resource(clean.object(), namespace);
        desired.getMetadata().setResourceVersion(null);
        var op = operation(ctx, namespace).resource(desired);
        try {
            (dryRun ? op.dryRun() : op).create();
            return Option.none();
        } catch (KubernetesClientException e) {
            return Option.some(e);
        }
    }

    /** {@code replace} (default) or {@code merge}; anything else is an error of validation and refused by apply. */
    static String applyType(Manifest m) {
        String t = m.annotation(Manifest.APPLY_TYPE);
        return t == null || t.isEmpty() ? REPLACE : t;
    }

    static boolean validApplyType(Manifest m) {
        String t = applyType(m);
        return REPLACE.equals(t) || MERGE.equals(t);
    }

    /** What is wrong with the manifest's apply type, and the fix. */
    static String applyTypeProblem(Manifest m) {
        return m.located() + ": annotation " + Manifest.APPLY_TYPE + " \"" + m.annotation(Manifest.APPLY_TYPE)
                + "\" must be \"replace\" or \"merge\"";
    }

    private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> operation(
            ResourceDefinitionContext ctx, Option<String> namespace) {
        var op = client.genericKubernetesResources(ctx);
        return namespace.isDefined() ? op.inNamespace(namespace.get()) : op;
    }

    /** The object as sent: its namespace is the target one (none for cluster-scoped kinds). */
    private GenericKubernetesResource resource(Map<String, Object> object, Option<String> namespace) {
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(object,
                GenericKubernetesResource.class);
        r.getMetadata().setNamespace(namespace.getOrNull());
        return r;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> liveMap(GenericKubernetesResource live) {
        return client.getKubernetesSerialization().convertValue(live, Map.class);
    }
}
