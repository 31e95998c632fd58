package dev.ibu.kubectl;

import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Consumer;

/** The IBU read through the client: one get, or a watch of that one object. Decoded by the one IBU codec. */
final class IbuSource {
    static final ResourceDefinitionContext IBU = new ResourceDefinitionContext.Builder()
            .withGroup("lca.openshift.io").withVersion("v1").withPlural("imagebasedupgrades")
            .withKind(IbuCodec.KIND).withNamespaced(false).build();

    /** One change seen by the watch: the new object, or none when it was deleted, or an error. */
    record Event(Option<ImageBasedUpgrade> ibu, Option<PluginError> error) {
    }

    private final KubernetesClient client;
    private final String name;
    private final String server;

    IbuSource(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
        this.server = String.valueOf(client.getMasterUrl());
    }

    ImageBasedUpgrade get() {
        GenericKubernetesResource r;
        try {
            r = client.genericKubernetesResources(IBU).withName(name).get();
        } catch (KubernetesClientException e) {
            throw ApiProblems.of(e, server, "get");
        }
        if (r == null) {
            throw served() ? ApiProblems.notFound(name, server) : ApiProblems.notServed(server);
        }
        return decode(r).getOrElseThrow(e -> e);
    }

    Watch watch(Consumer<Event> sink) {
        requireAllowed("list");
        requireAllowed("watch");
        try {
            return client.genericKubernetesResources(IBU).withName(name).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, GenericKubernetesResource resource) {
                    if (action == Action.DELETED) {
                        sink.accept(new Event(Option.none(), Option.none()));
                    } else if (action == Action.ADDED || action == Action.MODIFIED) {
                        Either<PluginError, ImageBasedUpgrade> ibu = decode(resource);
                        sink.accept(new Event(ibu.toOption(), ibu.swap().toOption()));
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    sink.accept(new Event(Option.none(), Option.some(cause.getCause() instanceof KubernetesClientException k
                            ? ApiProblems.of(k, server, "list and watch")
                            : new PluginError("the watch of " + name + " on " + server + " ended: "
                                    + cause.getMessage() + ": run the command again"))));
                }
            });
        } catch (KubernetesClientException e) {
            throw ApiProblems.of(e, server, "list and watch");
        }
    }

    /**
     * Asks the server (SelfSubjectAccessReview, as {@code kubectl auth can-i}) before watching: a forbidden HTTP watch
     * is retried by the client instead of failing, so {@code -w} would wait forever. A server that cannot answer
     * is not held against the user.
     */
    private void requireAllowed(String verb) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withNewResourceAttributes().withGroup(IBU.getGroup()).withResource(IBU.getPlural())
                .withName(name).withVerb(verb).endResourceAttributes().endSpec().build();
        boolean allowed;
        try {
            SelfSubjectAccessReview answer = client.resource(review).create();
            allowed = answer == null || answer.getStatus() == null || Boolean.TRUE.equals(answer.getStatus().getAllowed());
        } catch (KubernetesClientException e) {
            return;
        }
        if (!allowed) {
            throw new PluginError("forbidden: you may not " + verb + " " + ApiProblems.RESOURCE + " on " + server
                    + " (kubectl auth can-i " + verb + " " + ApiProblems.RESOURCE + "): kubectl ibu status -w needs "
                    + "list and watch on " + ApiProblems.RESOURCE + " (cluster-scoped); ask a cluster admin for a "
                    + "ClusterRole with these verbs bound to you, or run without -w");
        }
    }

    private boolean served() {
        try {
            APIResourceList list = client.getApiResources("lca.openshift.io/v1");
            return list != null && list.getResources().stream().anyMatch(r -> "imagebasedupgrades".equals(r.getName()));
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    private Either<PluginError, ImageBasedUpgrade> decode(GenericKubernetesResource r) {
        String json = client.getKubernetesSerialization().asJson(r);
        return IbuCodec.fromJson(json).mapLeft(e -> new PluginError("the ImageBasedUpgrade \"" + name + "\" on "
                + server + " cannot be read: " + e.message() + " (is kubectl ibu older than the agent? update it)"));
    }
}
