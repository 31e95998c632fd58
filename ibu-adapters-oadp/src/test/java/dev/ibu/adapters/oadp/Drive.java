package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Calls a port operation as the engine would, one pass at a time, letting the world move between passes. */
final class Drive {
    final List<Either<PortFailure, WorkProgress>> passes = new ArrayList<>();

    static Drive until(Supplier<Either<PortFailure, WorkProgress>> pass, Runnable between, int maxPasses) {
        Drive d = new Drive();
        for (int i = 0; i < maxPasses; i++) {
            Either<PortFailure, WorkProgress> r = pass.get();
            d.passes.add(r);
            if (r.isLeft() && !(r.getLeft() instanceof PortFailure.Transient) || r.isRight() && r.get() instanceof WorkProgress.Done) {
                return d;
            }
            between.run();
        }
        return d;
    }

    Either<PortFailure, WorkProgress> last() {
        return passes.get(passes.size() - 1);
    }
}
