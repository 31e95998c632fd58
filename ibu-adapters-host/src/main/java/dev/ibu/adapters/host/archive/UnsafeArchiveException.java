package dev.ibu.adapters.host.archive;

/** An archive entry we refuse to unpack; the message names the entry, the rule and what to do. */
public final class UnsafeArchiveException extends RuntimeException {

    private final String entry;

    public UnsafeArchiveException(String entry, String message) {
        super(message);
        this.entry = entry;
    }

    /** The entry name as written in the archive. */
    public String entry() {
        return entry;
    }
}
