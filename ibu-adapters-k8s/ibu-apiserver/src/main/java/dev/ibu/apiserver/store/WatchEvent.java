package dev.ibu.apiserver.store;

import tools.jackson.databind.node.ObjectNode;

/** A change of one object, as a watch sends it: ADDED, MODIFIED, DELETED (or BOOKMARK, ERROR at the edge). */
public record WatchEvent(String type, StoreKey key, ObjectNode object, long revision) {
}
