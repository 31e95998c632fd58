package dev.ibu.adapters.host.support;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where things are, as this JVM sees them and as host commands see them. In a pod the host's "/" is
 * mounted at {@code /host} (hostRoot) and commands run chrooted there; in tests hostRoot is "/" and
 * the sysroot is a temp dir passed to ostree with {@code --sysroot}.
 *
 * @param hostRoot   the host's "/" as seen from this JVM ("/" or "/host")
 * @param sysroot    the ostree sysroot as seen from this JVM ({@code /host/sysroot}, or a temp dir)
 * @param sysrootArg the {@code --sysroot} value for ostree commands; empty on a booted host
 * @param workRoot   where workspaces go, as seen from this JVM (host {@code /var/tmp}); must be visible to commands
 * @param remountSysroot whether /sysroot is read-only and must be remounted rw in a private namespace to change it
 */
public record HostLayout(Path hostRoot, Path sysroot, Optional<String> sysrootArg, Path workRoot, boolean remountSysroot) {

    public HostLayout {
        if (!hostRoot.isAbsolute() || !sysroot.isAbsolute() || !workRoot.isAbsolute()) {
            throw new IllegalArgumentException("hostRoot, sysroot and workRoot must be absolute paths");
        }
        sysrootArg = sysrootArg == null ? Optional.empty() : sysrootArg;
    }

    /** A production host seen from a privileged pod with host "/" at {@code /host}. */
    public static HostLayout inPod(Path hostRoot) {
        return new HostLayout(hostRoot, hostRoot.resolve("sysroot"), Optional.empty(), hostRoot.resolve("var/tmp"), true);
    }

    /** A temp sysroot driven with {@code --sysroot} (tests, IBI-style). */
    public static HostLayout forSysroot(Path sysroot, Path workRoot) {
        return new HostLayout(Path.of("/"), sysroot, Optional.of(sysroot.toString()), workRoot, false);
    }

    /** The path a host command must be given for a path this JVM sees. */
    public String commandPath(Path javaPath) {
        if (hostRoot.equals(Path.of("/"))) {
            return javaPath.toString();
        }
        if (!javaPath.startsWith(hostRoot)) {
            throw new IllegalArgumentException(javaPath + " is not under the host root " + hostRoot
                + "; put workspaces under the configured workRoot so host commands can see them");
        }
        return "/" + hostRoot.relativize(javaPath);
    }

    /** The sysroot as host commands see it. */
    public String commandSysroot() {
        return sysrootArg.orElse("/sysroot");
    }

    public Path staterootDir(String stateroot) {
        return sysroot.resolve("ostree/deploy").resolve(stateroot);
    }

    public Path staterootVar(String stateroot) {
        return staterootDir(stateroot).resolve("var");
    }

    /** {@code rel} below the stateroot's var, reached without following a link (see {@link ContainedPath}). */
    public ContainedPath inStaterootVar(String stateroot, String rel) {
        return inStateroot(stateroot, "var/" + rel);
    }

    /** {@code rel} below the stateroot's directory, reached from the sysroot without following a link. */
    public ContainedPath inStateroot(String stateroot, String rel) {
        if (stateroot.isEmpty() || stateroot.indexOf('/') >= 0) {
            throw new IllegalArgumentException("invalid stateroot name \"" + stateroot + "\"");
        }
        return ContainedPath.of(sysroot, "ostree/deploy/" + stateroot + "/" + rel);
    }
}
