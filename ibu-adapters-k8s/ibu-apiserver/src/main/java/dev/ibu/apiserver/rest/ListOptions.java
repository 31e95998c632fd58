package dev.ibu.apiserver.rest;

/** The query of a list: selectors and paging (limit 0 means no limit). */
public record ListOptions(String labelSelector, String fieldSelector, long limit, String continueToken) {
    public static ListOptions all() {
        return new ListOptions(null, null, 0, null);
    }
}
