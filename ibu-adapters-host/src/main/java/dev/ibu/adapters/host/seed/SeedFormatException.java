package dev.ibu.adapters.host.seed;

/** The seed image's content is not what a seed of format version 4 holds; the message names the file. */
public final class SeedFormatException extends RuntimeException {
    public SeedFormatException(String message) {
        super(message);
    }
}
