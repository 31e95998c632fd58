package dev.ibu.apiserver.store;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The events of one watch, queued in order by the store; closed by the watch or when the server stops. */
public final class Subscription implements AutoCloseable {
    private static final WatchEvent CLOSED = new WatchEvent("CLOSED", null, null, -1);
    private final BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
    private final Predicate<StoreKey> filter;
    private final Runnable onClose;
    private volatile boolean closed;

    Subscription(Predicate<StoreKey> filter, Runnable onClose) {
        this.filter = filter;
        this.onClose = onClose;
    }

    void offer(WatchEvent e) {
        if (!closed && filter.test(e.key())) {
            queue.add(e);
        }
    }

    /** The next event, null after the timeout, or CLOSED's null-object when the subscription ended. */
    public WatchEvent next(long timeout, TimeUnit unit) throws InterruptedException {
        WatchEvent e = queue.poll(timeout, unit);
        return e == CLOSED ? null : e;
    }

    public boolean isClosed() {
        return closed && queue.isEmpty();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.add(CLOSED);
            onClose.run();
        }
    }
}
