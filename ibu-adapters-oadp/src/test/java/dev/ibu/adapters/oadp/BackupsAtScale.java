package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.strict.RequestCounter;
import dev.ibu.adapters.oadp.strict.StrictOadp;
import dev.ibu.adapters.oadp.velero.TestVelero;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives {@code adapter.backup} pass by pass as the engine does (a pass, Velero moves every Backup one step, the watch
 * wakes the caller, the next pass), and counts the agent's requests of each pass.
 */
final class BackupsAtScale {
    private BackupsAtScale() {
    }

    record Run(List<Map<String, Integer>> perPass, Either<PortFailure, WorkProgress> last) {
        /** The most lists a pass sent, besides those of an informer (re)starting (one list per watch opened). */
        int maxLists() {
            return perPass.stream().mapToInt(p -> RequestCounter.total(p, "list") - RequestCounter.total(p, "watch"))
                    .max().orElse(0);
        }

        int maxGets(String resource) {
            return perPass.stream().mapToInt(p -> p.getOrDefault("get " + resource, 0)).max().orElse(0);
        }

        int maxRequests() {
            return perPass.stream().mapToInt(p -> p.values().stream().mapToInt(Integer::intValue).sum()).max()
                    .orElse(0);
        }
    }

    static Run drive(StrictOadp cluster, TestVelero velero, OadpBackupAdapter adapter,
                     io.vavr.collection.List<ConfigMapRef> refs) {
        AtomicInteger wakes = new AtomicInteger();
        adapter.onProgress(wakes::incrementAndGet);
        List<Map<String, Integer>> perPass = new ArrayList<>();
        Either<PortFailure, WorkProgress> last = null;
        for (int pass = 0; pass < 200; pass++) {
            Map<String, Integer> before = cluster.requests.snapshot();
            last = adapter.backup(refs);
            perPass.add(RequestCounter.since(before, cluster.requests.snapshot()));
            if (last.isLeft() && !(last.getLeft() instanceof PortFailure.Transient)
                    || last.isRight() && last.get() instanceof WorkProgress.Done) {
                break;
            }
            int seen = wakes.get();
            velero.tick();
            settle(wakes, seen);
        }
        return new Run(perPass, last);
    }

    /** Waits until the watch has woken the caller and then stayed quiet a moment (pacing, not an assertion). */
    private static void settle(AtomicInteger wakes, int seen) {
        try {
            for (int i = 0; i < 100 && wakes.get() == seen; i++) {
                Thread.sleep(20);
            }
            int last;
            do {
                last = wakes.get();
                Thread.sleep(50);
            } while (wakes.get() != last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
