package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A list answer, one page at a time when a limit is given (continue tokens are "namespace/name" of the last item). */
final class Paging {
    private Paging() {
    }

    static ObjectNode page(ResourceType t, List<ObjectNode> matching, ListOptions options, long revision) {
        int from = 0;
        if (options.continueToken() != null && !options.continueToken().isEmpty()) {
            String[] after = decode(options.continueToken()).split("/", 2);
            while (from < matching.size() && notAfter(matching.get(from), after)) {
                from++;
            }
        }
        int to = options.limit() > 0 ? (int) Math.min(matching.size(), from + options.limit()) : matching.size();
        ObjectNode list = Json.object();
        list.put("apiVersion", t.apiVersion()).put("kind", t.listKind());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", String.valueOf(revision));
        if (to < matching.size()) {
            ObjectNode last = matching.get(to - 1);
            meta.put("continue", ResourceService.encodeContinue(Meta.namespace(last), Meta.name(last)));
            meta.put("remainingItemCount", matching.size() - to);
        }
        ArrayNode items = list.putArray("items");
        for (int i = from; i < to; i++) {
            items.add(ResourceService.present(t, matching.get(i)));
        }
        return list;
    }

    private static boolean notAfter(ObjectNode o, String[] last) {
        int ns = Meta.namespace(o).compareTo(last[0]);
        return ns < 0 || ns == 0 && last.length > 1 && Meta.name(o).compareTo(last[1]) <= 0;
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StatusError.badRequest("continue key is not valid: " + e.getMessage());
        }
    }
}
