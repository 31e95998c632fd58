package dev.ibu.apiserver.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every object, one global resourceVersion counter (as etcd's revision), and the recent history of changes so a watch
 * can resume from a resourceVersion. Writers hold the store's monitor; callers that read-then-write hold it too.
 */
public final class ObjectStore {
    private final TreeMap<StoreKey, ObjectNode> objects = new TreeMap<>();
    private final Deque<WatchEvent> history = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final int historyLimit;
    private long revision;
    private long compacted;

    public ObjectStore(int historyLimit) {
        this.historyLimit = historyLimit;
    }

    public synchronized long revision() {
        return revision;
    }

    public synchronized Optional<ObjectNode> get(StoreKey key) {
        return Optional.ofNullable(objects.get(key)).map(ObjectNode::deepCopy);
    }

    /** Objects of one resource in key order (namespace, name); namespace null means all namespaces. */
    public synchronized List<ObjectNode> list(String group, String resource, String namespace) {
        List<ObjectNode> out = new ArrayList<>();
        objects.forEach((k, v) -> {
            if (k.sameResource(group, resource) && (namespace == null || k.namespace().equals(namespace))) {
                out.add(v.deepCopy());
            }
        });
        return out;
    }

    public synchronized List<StoreKey> keys(Predicate<StoreKey> filter) {
        return objects.keySet().stream().filter(filter).toList();
    }

    /** Stores the object with the next resourceVersion and tells the watches; returns what was stored. */
    public synchronized ObjectNode put(StoreKey key, ObjectNode object) {
        boolean existed = objects.containsKey(key);
        ObjectNode stored = stamp(object);
        objects.put(key, stored);
        publish(new WatchEvent(existed ? "MODIFIED" : "ADDED", key, stored.deepCopy(), revision));
        return stored.deepCopy();
    }

    /** Removes the object; the DELETED event carries it with a new resourceVersion, as the API server sends it. */
    public synchronized Optional<ObjectNode> remove(StoreKey key) {
        ObjectNode old = objects.remove(key);
        if (old == null) {
            return Optional.empty();
        }
        ObjectNode gone = stamp(old);
        publish(new WatchEvent("DELETED", key, gone.deepCopy(), revision));
        return Optional.of(gone);
    }

    private ObjectNode stamp(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        revision++;
        ((ObjectNode) copy.get("metadata")).put("resourceVersion", String.valueOf(revision));
        return copy;
    }

    private void publish(WatchEvent e) {
        history.addLast(e);
        while (history.size() > historyLimit) {
            compacted = history.removeFirst().revision();
        }
        subscriptions.forEach(s -> s.offer(e));
    }

    /**
     * Subscribes to changes after {@code fromRevision}, first replaying the retained history after it.
     *
     * @return empty when fromRevision is older than the retained history (the watch must answer 410 Gone)
     */
    public synchronized Optional<Subscription> watchFrom(long fromRevision, Predicate<StoreKey> filter) {
        if (fromRevision < compacted) {
            return Optional.empty();
        }
        Subscription s = subscribe(filter);
        history.stream().filter(e -> e.revision() > fromRevision).forEach(s::offer);
        return Optional.of(s);
    }

    /** Subscribes to changes from now on, after synthetic ADDED events for the objects that match now. */
    public synchronized Subscription watchWithInitialState(Predicate<StoreKey> filter) {
        Subscription s = subscribe(filter);
        objects.forEach((k, v) -> s.offer(new WatchEvent("ADDED", k, v.deepCopy(), revision)));
        return s;
    }

    private Subscription subscribe(Predicate<StoreKey> filter) {
        Subscription[] holder = new Subscription[1];
        holder[0] = new Subscription(filter, () -> subscriptions.remove(holder[0]));
        subscriptions.add(holder[0]);
        return holder[0];
    }

    /** The oldest resourceVersion a watch can still resume from. */
    public synchronized long oldestResumable() {
        return compacted + 1;
    }

    /** Forgets the history (as etcd compaction does), so older resourceVersions answer 410 Gone. */
    public synchronized void compact() {
        if (!history.isEmpty()) {
            compacted = history.getLast().revision();
        }
        history.clear();
    }

    /** How many watches are open now. */
    public int openWatches() {
        return subscriptions.size();
    }

    public void closeWatches() {
        subscriptions.forEach(Subscription::close);
    }
}
