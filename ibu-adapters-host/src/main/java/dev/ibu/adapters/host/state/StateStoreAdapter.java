package dev.ibu.adapters.host.state;

import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.adapters.host.support.ContainedPath;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StateStorePort;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link StateStorePort} on a stateroot's {@code /var/lib/lca} (host-and-image.md §4.2, §4.7):
 * {@code ibu.json} and one JSON file per bundle, written atomically, 0600 in 0700 directories.
 * Stateroots are addressed through the sysroot, so the same code writes the booted and the other one.
 */
public final class StateStoreAdapter implements StateStorePort {

    public static final String IBU_FILE = "lib/lca/ibu.json";
    static final String BUNDLES = "lib/lca/bundles";
    static final String WORKSPACE = "lib/lca/workspace";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final HostLayout layout;

    public StateStoreAdapter(HostLayout layout) {
        this.layout = layout;
    }

    @Override
    public Either<PortFailure, Void> saveIbu(String stateroot, ImageBasedUpgrade ibu) {
        return io("save the IBU into stateroot " + stateroot, () -> {
            AtomicFiles.write(var(stateroot, IBU_FILE), IbuCodec.toJson(ibu));
            return null;
        });
    }

    @Override
    public Either<PortFailure, Option<ImageBasedUpgrade>> loadIbu(String stateroot) {
        return io("read the IBU saved in stateroot " + stateroot,
            () -> Option.ofOptional(AtomicFiles.read(var(stateroot, IBU_FILE)).map(StateStoreAdapter::decode)));
    }

    @Override
    public Either<PortFailure, Void> deleteIbu(String stateroot) {
        return io("delete the IBU saved in stateroot " + stateroot, () -> {
            AtomicFiles.delete(var(stateroot, IBU_FILE));
            return null;
        });
    }

    @Override
    public Either<PortFailure, Void> saveBundle(String stateroot, String name, ExportBundle bundle) {
        return io("save bundle " + name + " into stateroot " + stateroot, () -> {
            AtomicFiles.write(bundle(stateroot, name), Json.MAPPER.writeValueAsString(bundle.files().toJavaMap()));
            return null;
        });
    }

    @Override
    public Either<PortFailure, Option<ExportBundle>> loadBundle(String stateroot, String name) {
        return io("read bundle " + name + " of stateroot " + stateroot, () -> Option.ofOptional(
            AtomicFiles.read(bundle(stateroot, name)).map(IbuJsonBundles::parse)));
    }

    @Override
    public Either<PortFailure, Void> deleteBundles(String stateroot) {
        return io("delete the bundles of stateroot " + stateroot, () -> {
            AtomicFiles.deleteTree(var(stateroot, BUNDLES));
            AtomicFiles.deleteTree(var(stateroot, WORKSPACE));
            return null;
        });
    }

    /** A file below the stateroot's var, reached without following links the seed put there. */
    private ContainedPath var(String stateroot, String rel) {
        if (!NAME.matcher(stateroot).matches()) {
            throw new IllegalArgumentException("invalid stateroot name \"" + stateroot + "\"");
        }
        return layout.inStaterootVar(stateroot, rel);
    }

    private ContainedPath bundle(String stateroot, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid bundle name \"" + name + "\": use letters, digits, '.', '_', '-'");
        }
        return var(stateroot, BUNDLES + "/" + name + ".json");
    }

    /** Ordered parse: bundle files keep the order they were exported in (apply waves). */
    static final class IbuJsonBundles {
        private IbuJsonBundles() {
        }

        @SuppressWarnings("unchecked")
        static ExportBundle parse(String json) {
            Map<String, String> m = Json.MAPPER.readValue(json, java.util.LinkedHashMap.class);
            return new ExportBundle(LinkedHashMap.ofAll(m));
        }
    }

    /** A damaged ibu.json does not mend itself on retry: Invalid (IllegalArgumentException), naming the field. */
    private static ImageBasedUpgrade decode(String json) {
        return IbuCodec.fromJson(json).getOrElseThrow(e -> new IllegalArgumentException(IBU_FILE + ": "
            + e.message()));
    }

    private interface Body<T> {
        T get() throws Exception;
    }

    private static <T> Either<PortFailure, T> io(String what, Body<T> body) {
        try {
            return Either.right(body.get());
        } catch (IllegalArgumentException e) {
            return Either.left(PortFailure.invalid("failed to " + what + ": " + e.getMessage()));
        } catch (Exception e) {
            return Either.left(PortFailure.transientFailure("failed to " + what + ": " + e.getMessage()));
        }
    }

}
