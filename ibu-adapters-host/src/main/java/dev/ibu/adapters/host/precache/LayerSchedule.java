package dev.ibu.adapters.host.precache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Which precache pulls may run now: at most {@code concurrency} at a time, and never two that need the same layer the
 * storage does not hold yet. A pull whose missing layers another pull in flight is fetching waits for it, then reuses
 * those layers from the storage (skopeo and podman reuse a stored layer by digest): each shared layer is fetched once.
 * Layers of a failed pull are not stored: the next image that needs them fetches them.
 */
final class LayerSchedule {

    /** An image that waits for layers another pull is fetching. */
    record Waiting(String image, List<String> layers) {
    }

    private final int concurrency;
    private final Set<String> claimed = new HashSet<>();
    private final Set<String> stored = new HashSet<>();
    private final List<Waiting> waiting = new ArrayList<>();
    private int inFlight;

    LayerSchedule(int concurrency) {
        this.concurrency = concurrency;
    }

    /** Blocks until a slot is free and takes it. */
    synchronized void admit() throws InterruptedException {
        while (inFlight >= concurrency) {
            wait();
        }
        inFlight++;
    }

    /** Gives a slot back. */
    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /** True: the image's missing layers are now claimed by the caller (it pulls); false: it waits (see nextWaiting). */
    synchronized boolean claimOrDefer(String image, List<String> layers) {
        List<String> missing = missing(layers);
        if (missing.stream().anyMatch(claimed::contains)) {
            waiting.add(new Waiting(image, layers));
            return false;
        }
        claimed.addAll(missing);
        return true;
    }

    /** The pull of a claiming image ended: its claims end, and its layers are stored when it succeeded. */
    synchronized void done(List<String> layers, boolean ok) {
        claimed.removeAll(missing(layers));
        if (ok) {
            stored.addAll(layers);
        }
        notifyAll();
    }

    /**
     * Once every image had its first turn: the next waiting image that may be pulled now, its layers claimed and a slot
     * taken (release it after the pull); null when none waits and nothing is in flight.
     */
    synchronized Waiting nextWaiting() throws InterruptedException {
        while (true) {
            if (inFlight < concurrency) {
                for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
                    Waiting w = it.next();
                    List<String> missing = missing(w.layers());
                    if (missing.stream().noneMatch(claimed::contains)) {
                        it.remove();
                        claimed.addAll(missing);
                        inFlight++;
                        return w;
                    }
                }
            }
            if (waiting.isEmpty() && inFlight == 0) {
                return null;
            }
            wait();
        }
    }

    private List<String> missing(List<String> layers) {
        return layers.stream().filter(l -> !stored.contains(l)).toList();
    }
}
