package dev.ibu.ports.testkit;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.function.UnaryOperator;

/**
 * The cluster as the agent sees it: the IBU resource, extra manifests and events here; ConfigMaps, the pull secret,
 * health and cluster info in {@link InMemoryClusterConfig}.
 *
 * <p>The IBU resource behaves like the API server: every write gives a new resourceVersion (a no-op annotation write
 * does not); a spec change bumps {@code metadata.generation}, status and annotation writes do not; a
 * {@link #writeStatus} carrying a stale resourceVersion is a Conflict (as on a real API server; the fabric8 CRUD mock
 * does not do that); {@link #create} makes a new object at generation 1, or is a Conflict if one exists. The user's
 * side of the resource is {@link #patchSpecStage}, {@link #patchSpec}, {@link #annotate} and {@link #seedIbu}.
 *
 * <p>Extra manifests follow {@link ExtraManifestRules}; {@link #apply} records what it applied ({@link #applied()}).
 */
public final class InMemoryCluster extends InMemoryClusterConfig implements IbuResourcePort, ExtraManifestPort,
        EventPort {
    private static final String IBU = "ImageBasedUpgrade " + Metadata.SINGLETON_NAME;

    private Option<ImageBasedUpgrade> ibu = Option.none();
    private long resourceVersions = 1000;
    private List<ImageBasedUpgrade> ibuVersions = List.empty();
    private Set<String> namespaces = HashSet.of("default", "kube-system", "openshift-config", "openshift-adp",
            "openshift-lifecycle-agent");
    private Set<String> missingCrdKinds = HashSet.empty();
    private List<ManifestDoc> applied = List.empty();
    private List<RecordedEvent> events = List.empty();
    private boolean celRules;

    private final InMemoryClusterConfiguration configuration;

    public InMemoryCluster(Faults faults) {
        super(faults);
        configuration = new InMemoryClusterConfiguration(faults);
    }

    /** The cluster's side of the configuration carried across the pivot. */
    public InMemoryClusterConfiguration configuration() {
        return configuration;
    }

    // ---- the user's side of the IBU resource ---------------------------------------------------------------------

    /** The stored IBU, read without counting a port call. */
    public synchronized Option<ImageBasedUpgrade> ibu() {
        return ibu;
    }

    /** The stored IBU; a test bug when there is none. */
    public synchronized ImageBasedUpgrade currentIbu() {
        return ibu.getOrElseThrow(() -> new IllegalStateException(IBU + " does not exist"));
    }

    /** Every version of the IBU stored so far, oldest first (creates, status and annotation writes, spec patches). */
    public synchronized List<ImageBasedUpgrade> ibuVersions() {
        return ibuVersions;
    }

    /** {@code oc patch ibu upgrade --type merge -p '{"spec":{"stage":"<stage>"}}'}. */
    public ImageBasedUpgrade patchSpecStage(Stage stage) {
        return patchSpec(s -> s.withStage(stage));
    }

    /**
     * A user's spec edit; the generation moves only if the spec changed. With {@link #enforceCelRules} on, an edit the
     * CRD's CEL rules refuse is a test bug here (use {@link #tryPatchSpec} to see the refusal).
     */
    public synchronized ImageBasedUpgrade patchSpec(UnaryOperator<Spec> edit) {
        return tryPatchSpec(edit).getOrElseThrow(f -> new IllegalStateException("the API server refused the edit: "
                + f.message()));
    }

    /** A user's spec edit as the API server admits it: Invalid with the CEL rule's message when refused. */
    public synchronized Either<PortFailure, ImageBasedUpgrade> tryPatchSpec(UnaryOperator<Spec> edit) {
        ImageBasedUpgrade current = currentIbu();
        Spec spec = edit.apply(current.spec());
        if (spec.equals(current.spec())) {
            return Either.right(current);
        }
        if (celRules) {
            Option<String> refused = CrdAdmission.reject(current, spec);
            if (refused.isDefined()) {
                return Either.left(PortFailure.invalid(refused.get()));
            }
        }
        Metadata m = current.metadata().withGeneration(current.generation() + 1);
        return Either.right(store(current.withSpec(spec).withMetadata(m)));
    }

    /** The user's edit of {@code spec.stage}, as admitted. */
    public Either<PortFailure, ImageBasedUpgrade> tryPatchSpecStage(Stage stage) {
        return tryPatchSpec(s -> s.withStage(stage));
    }

    /**
     * Off by default, so that tests can reach the controller's own transition checks (stage-machine.md §3.4); on,
     * user spec edits go through the CRD's CEL rules (§1.4, rules 2-6) as on a real API server.
     */
    public synchronized InMemoryCluster enforceCelRules(boolean on) {
        celRules = on;
        return this;
    }

    /** {@code oc annotate ibu upgrade key=value}. */
    public synchronized ImageBasedUpgrade annotate(String key, String value) {
        return setAnnotationNow(key, Option.some(value)).getOrElseThrow(f -> new IllegalStateException(f.message()));
    }

    public synchronized ImageBasedUpgrade removeAnnotation(String key) {
        return setAnnotationNow(key, Option.none()).getOrElseThrow(f -> new IllegalStateException(f.message()));
    }

    /** Puts an IBU in place as if it had been created earlier (generation and status as given). */
    public synchronized ImageBasedUpgrade seedIbu(ImageBasedUpgrade initial) {
        return store(initial);
    }

    // ---- IbuResourcePort -----------------------------------------------------------------------------------------

    @Override
    public Either<PortFailure, Option<ImageBasedUpgrade>> read() {
        return faults.guard(Op.IBU_READ, () -> Either.right(ibu()));
    }

    @Override
    public Either<PortFailure, ImageBasedUpgrade> create(ImageBasedUpgrade created) {
        requireSingleton(created);
        return faults.guard(Op.IBU_CREATE, () -> {
            synchronized (this) {
                if (ibu.isDefined()) {
                    return Either.left(PortFailure.conflict(IBU + " already exists"));
                }
                return Either.right(store(created.withMetadata(created.metadata().withGeneration(1))));
            }
        });
    }

    @Override
    public Either<PortFailure, Void> delete() {
        return faults.guard(Op.IBU_DELETE, () -> {
            synchronized (this) {
                ibu = Option.none();
                return Either.right(null);
            }
        });
    }

    @Override
    public Either<PortFailure, ImageBasedUpgrade> writeStatus(ImageBasedUpgrade written) {
        requireSingleton(written);
        if (written.metadata().resourceVersion().isEmpty()) {
            throw new IllegalArgumentException("writeStatus needs the resourceVersion that was read; got none");
        }
        return faults.guard(Op.IBU_WRITE_STATUS, () -> {
            synchronized (this) {
                if (ibu.isEmpty()) {
                    return Either.left(PortFailure.notFound(IBU + " not found"));
                }
                ImageBasedUpgrade current = ibu.get();
                if (!current.metadata().resourceVersion().equals(written.metadata().resourceVersion())) {
                    return Either.left(PortFailure.conflict("Operation cannot be fulfilled on " + IBU
                            + ": the object has been modified; please apply your changes to the latest version "
                            + "and try again"));
                }
                return Either.right(store(current.withStatus(written.status())));
            }
        });
    }

    @Override
    public Either<PortFailure, ImageBasedUpgrade> setAnnotation(String key, Option<String> value) {
        return faults.guard(Op.IBU_SET_ANNOTATION, () -> setAnnotationNow(key, value));
    }

    private synchronized Either<PortFailure, ImageBasedUpgrade> setAnnotationNow(String key, Option<String> value) {
        if (ibu.isEmpty()) {
            return Either.left(PortFailure.notFound(IBU + " not found; it is created at agent start-up"));
        }
        ImageBasedUpgrade current = ibu.get();
        var annotations = current.metadata().annotations();
        var changed = value.isDefined() ? annotations.put(key, value.get()) : annotations.remove(key);
        if (changed.equals(annotations)) {
            return Either.right(current); // a no-op patch leaves the resourceVersion alone
        }
        return Either.right(store(current.withMetadata(current.metadata().withAnnotations(changed))));
    }

    private ImageBasedUpgrade store(ImageBasedUpgrade next) {
        resourceVersions++;
        ImageBasedUpgrade stored = next.withMetadata(next.metadata().withResourceVersion(
                Long.toString(resourceVersions)));
        ibu = Option.some(stored);
        ibuVersions = ibuVersions.append(stored);
        return stored;
    }

    private static void requireSingleton(ImageBasedUpgrade i) {
        if (!Metadata.SINGLETON_NAME.equals(i.metadata().name())) {
            throw new IllegalArgumentException("the ImageBasedUpgrade must be named '" + Metadata.SINGLETON_NAME
                    + "', got '" + i.metadata().name() + "'");
        }
    }

    // ---- extra manifests -----------------------------------------------------------------------------------------

    public synchronized InMemoryCluster addNamespace(String namespace) {
        namespaces = namespaces.add(namespace);
        return this;
    }

    /** Manifests of this kind validate with a "CRD not deployed on cluster" warning. */
    public synchronized InMemoryCluster withoutCrdFor(String kind) {
        missingCrdKinds = missingCrdKinds.add(kind);
        return this;
    }

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> refs) {
        return faults.guard(Op.MANIFESTS_VALIDATE, () -> {
            synchronized (this) {
                return readNow(refs).flatMap(cms ->
                        ExtraManifestRules.validate(Manifests.parse(cms), namespaces, missingCrdKinds));
            }
        });
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> refs) {
        return faults.guard(Op.MANIFESTS_EXPORT, () -> readNow(refs).flatMap(cms ->
                ExtraManifestRules.export(Manifests.parse(cms))));
    }

    @Override
    public Either<PortFailure, Void> apply(ExportBundle bundle) {
        return faults.guard(Op.MANIFESTS_APPLY, () -> {
            synchronized (this) {
                for (Tuple2<String, String> f : ExtraManifestRules.inApplyOrder(bundle)) {
                    applied = applied.appendAll(Manifests.parse(f._1, f._1, f._2));
                }
                return Either.right(null);
            }
        });
    }

    /** The manifests applied so far, in the order they were applied. */
    public synchronized List<ManifestDoc> applied() {
        return applied;
    }

    // ---- events --------------------------------------------------------------------------------------------------

    @Override
    public void emit(Type type, String reason, String message) {
        if (faults.check(Op.EVENT_EMIT).isDefined()) {
            return; // a failing switch loses the event, as a best-effort write may
        }
        synchronized (this) {
            events = events.append(new RecordedEvent(type, reason, message));
        }
    }

    public synchronized List<RecordedEvent> events() {
        return events;
    }
}
