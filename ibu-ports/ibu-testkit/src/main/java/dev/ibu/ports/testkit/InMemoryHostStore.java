package dev.ibu.ports.testkit;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StateStorePort;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Objects;
import java.util.function.Function;

/**
 * The state store part of {@link InMemoryHost}: files in each stateroot's {@code /var/lib/lca}. They survive a
 * reboot and are gone with their stateroot. Writing into a stateroot that does not exist is NotFound (the directory
 * is made by stateroot setup, not by the store); reading or deleting there finds nothing and succeeds.
 */
public abstract class InMemoryHostStore implements StateStorePort {
    final Faults faults;
    final ClockPort clock;
    final HostState host;

    InMemoryHostStore(Faults faults, ClockPort clock, HostState host) {
        this.faults = Objects.requireNonNull(faults);
        this.clock = Objects.requireNonNull(clock);
        this.host = host;
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public Either<PortFailure, Void> saveIbu(String stateroot, ImageBasedUpgrade ibu) {
        Objects.requireNonNull(ibu);
        return faults.guard(Op.STATE_SAVE_IBU, () -> write(stateroot, "ibu.json", d -> d.ibu = Option.some(ibu)));
    }

    @Override
    public Either<PortFailure, Option<ImageBasedUpgrade>> loadIbu(String stateroot) {
        return faults.guard(Op.STATE_LOAD_IBU, () -> Either.right(savedIbu(stateroot)));
    }

    @Override
    public Either<PortFailure, Void> deleteIbu(String stateroot) {
        return faults.guard(Op.STATE_DELETE_IBU, () -> delete(stateroot, d -> d.ibu = Option.none()));
    }

    @Override
    public Either<PortFailure, Void> saveBundle(String stateroot, String name, ExportBundle bundle) {
        Objects.requireNonNull(bundle);
        return faults.guard(Op.STATE_SAVE_BUNDLE, () -> write(stateroot, name, d -> d.bundles.put(name, bundle)));
    }

    @Override
    public Either<PortFailure, Option<ExportBundle>> loadBundle(String stateroot, String name) {
        return faults.guard(Op.STATE_LOAD_BUNDLE, () -> Either.right(read(stateroot,
                d -> Option.of(d.bundles.get(name)))));
    }

    @Override
    public Either<PortFailure, Void> deleteBundles(String stateroot) {
        return faults.guard(Op.STATE_DELETE_BUNDLES, () -> delete(stateroot, d -> d.bundles.clear()));
    }

    /** The IBU saved in a stateroot, read without counting a port call. */
    public synchronized Option<ImageBasedUpgrade> savedIbu(String stateroot) {
        return read(stateroot, d -> d.ibu);
    }

    public synchronized List<String> bundleNames(String stateroot) {
        return read(stateroot, d -> Option.some(List.ofAll(d.bundles.keySet()))).getOrElse(List.empty());
    }

    private synchronized <T> Option<T> read(String stateroot, Function<StaterootDir, Option<T>> f) {
        StaterootDir dir = host.dirs.get(stateroot);
        return dir == null ? Option.none() : f.apply(dir);
    }

    private synchronized Either<PortFailure, Void> write(String stateroot, String file,
                                                         java.util.function.Consumer<StaterootDir> f) {
        StaterootDir dir = host.dirs.get(stateroot);
        if (dir == null) {
            return Either.left(PortFailure.notFound("stateroot " + stateroot + " does not exist: cannot write "
                    + "/var/lib/lca/" + file + " into it"));
        }
        f.accept(dir);
        return Either.right(null);
    }

    private synchronized Either<PortFailure, Void> delete(String stateroot,
                                                          java.util.function.Consumer<StaterootDir> f) {
        StaterootDir dir = host.dirs.get(stateroot);
        if (dir != null) {
            f.accept(dir);
        }
        return Either.right(null);
    }
}
