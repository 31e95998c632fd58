package dev.ibu.adapters.host.ostree;

import java.util.Objects;
import java.util.regex.Pattern;

/** One line of {@code ostree admin status}: index 0 is the default for the next boot. */
public record OstreeDeployment(int index, String osname, String checksum, int serial, boolean booted) {

    static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{64}");

    public OstreeDeployment {
        Objects.requireNonNull(osname);
        if (index < 0 || serial < 0) {
            throw new IllegalArgumentException("index and serial must be >= 0");
        }
        if (!CHECKSUM.matcher(checksum).matches()) {
            throw new IllegalArgumentException("not an ostree checksum: " + checksum);
        }
    }

    /** {@code <checksum>.<serial>}, the deployment directory's name. */
    public String deploymentName() {
        return checksum + "." + serial;
    }
}
