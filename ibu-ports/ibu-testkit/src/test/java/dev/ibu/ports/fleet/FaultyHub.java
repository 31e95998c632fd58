package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.LabelChange;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.fleet.InMemoryHub;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Random;

/**
 * The in-memory hub with a pass cut short: each write fails now and then, either before it happens or after it
 * happened (the caller never hears it succeeded), as a dropped connection or a killed controller would.
 */
final class FaultyHub implements IbguStorePort, ManagedClustersPort, SpokeWorksPort {
    private final InMemoryHub hub;
    private final Random random;
    private final double rate;
    private final boolean dropWorks;
    int faults;

    FaultyHub(InMemoryHub hub, long seed, double rate, boolean dropWorks) {
        this.hub = hub;
        this.random = new Random(seed);
        this.rate = rate;
        this.dropWorks = dropWorks;
    }

    private boolean fault() {
        boolean f = random.nextDouble() < rate;
        if (f) {
            faults++;
        }
        return f;
    }

    private <T> Either<PortFailure, T> write(java.util.function.Supplier<Either<PortFailure, T>> call) {
        if (fault()) {
            if (random.nextBoolean()) {
                call.get();
            }
            return Either.left(PortFailure.transientFailure("injected: connection reset"));
        }
        return call.get();
    }

    @Override
    public Either<PortFailure, Option<StoredIbgu>> read(IbguRef ref) {
        return hub.read(ref);
    }

    @Override
    public Either<PortFailure, String> writeStatus(IbguRef ref, String resourceVersion, HubStatus status) {
        return write(() -> hub.writeStatus(ref, resourceVersion, status));
    }

    @Override
    public Either<PortFailure, List<ManagedCluster>> list(List<LabelSelector> anyOf) {
        return hub.list(anyOf);
    }

    @Override
    public Either<PortFailure, Void> label(LabelChange change) {
        return write(() -> hub.label(change));
    }

    @Override
    public Either<PortFailure, Void> annotate(String cluster, String key, Option<String> value) {
        return write(() -> hub.annotate(cluster, key, value));
    }

    @Override
    public Either<PortFailure, Void> apply(SpokeWork work) {
        return write(() -> hub.apply(work));
    }

    @Override
    public Either<PortFailure, List<WorkState>> list(IbguRef ibgu) {
        // the deliberate bug of HubEnginePropertyTest.a_bug_is_caught: a cache that loses every other work
        return dropWorks ? hub.list(ibgu).map(l -> l.zipWithIndex().filter(t -> t._2 % 2 == 0).map(t -> t._1))
                : hub.list(ibgu);
    }

    @Override
    public Either<PortFailure, Void> delete(IbguRef ibgu, String cluster) {
        return write(() -> hub.delete(ibgu, cluster));
    }
}
