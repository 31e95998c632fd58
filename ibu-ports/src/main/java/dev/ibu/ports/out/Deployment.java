package dev.ibu.ports.out;

import java.util.Objects;

/** One ostree deployment as {@code ostree admin status} shows it; index 0 is the default for the next boot. */
public record Deployment(int index, String osname, String checksum, int serial, boolean booted) {
    public Deployment {
        Objects.requireNonNull(osname);
        Objects.requireNonNull(checksum);
        if (index < 0) {
            throw new IllegalArgumentException("deployment index must be >= 0");
        }
    }

    public boolean isDefault() {
        return index == 0;
    }
}
