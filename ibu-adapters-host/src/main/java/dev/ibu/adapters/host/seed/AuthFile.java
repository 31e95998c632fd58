package dev.ibu.adapters.host.seed;

import dev.ibu.ports.out.PullSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A pull secret written to a 0600 file in a 0700 directory for the lifetime of one command, then
 * deleted whatever happened. Secrets reach tools through this file, never through argv or logs.
 */
public final class AuthFile implements AutoCloseable {

    private final Path file;

    private AuthFile(Path file) {
        this.file = file;
    }

    /** Writes the secret (if any) into {@code dir}; an absent secret gives an empty handle. */
    public static AuthFile write(Optional<PullSecret> secret, Path dir) {
        if (secret.isEmpty()) {
            return new AuthFile(null);
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path f = Files.createTempFile(dir, "seed-pull-secret", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, secret.get().dockerConfigJson(), StandardCharsets.UTF_8);
            return new AuthFile(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pull secret's auth file into " + dir
                + "; check that the directory is writable", e);
        }
    }

    public Optional<Path> path() {
        return Optional.ofNullable(file);
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the auth file " + file + "; delete it by hand", e);
            }
        }
    }
}
