package dev.ibu.agent;

/**
 * The one meaning of {@code --host-root} (alias {@code --host}) in every {@code ibu-agent} command ({@code run},
 * {@code cleanup}, {@code diagnose}, {@code post-pivot}, {@code init-monitor}): the directory where this process
 * sees the node's root filesystem. Only the defaults differ: the host commands run on the node (default /), the
 * others in the agent's pod (no default: give /host, where the Deployment mounts hostPath /).
 */
public final class HostRoot {
    /** The option's names, canonical first. */
    public static final String NAME = "--host-root";
    public static final String ALIAS = "--host";
    /** Where the Deployment mounts the node's root (hostPath /). */
    public static final String IN_POD = "/host";

    /** The help text every command shows for the option (then its own default). */
    public static final String MEANING = "The node's root filesystem as this process sees it: " + IN_POD
            + " in the agent's pod (hostPath / mounted there), / on the node itself. --host is the same option.";

    private HostRoot() {
    }
}
