package dev.ibu.agent.ops;

import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * Whether {@code cleanup --stateroot} may remove a stateroot, from the host's deployments: never the booted one,
 * never the one holding the default deployment (what the node boots next), and nothing at all when it cannot tell
 * which deployment is booted (a node always runs one; several marked booted is no answer either). An offline
 * {@code --sysroot} boots nothing, so there the default alone is protected.
 */
final class StaterootRemovalGuard {

    private StaterootRemovalGuard() {
    }

    /**
     * The reason to refuse, or none.
     *
     * @param node true for a node's root ({@code --host}), where exactly one deployment must be booted
     */
    static Option<String> refusal(HostStatus status, String stateroot, boolean node) {
        List<Deployment> booted = status.deployments().filter(Deployment::booted);
        if (booted.size() > 1) {
            return Option.some("cannot tell which deployment is booted: ostree marks " + booted.size() + " booted ("
                    + booted.map(d -> d.index() + " " + d.osname()).mkString(", ") + "); nothing was removed. Check "
                    + "`ostree admin status` on the node, then remove the stateroot by hand if it is not the running one");
        }
        if (booted.isEmpty() && node) {
            return Option.some("cannot tell which deployment is booted: `ostree admin status` marks none with '*', "
                    + "and a node always runs one; nothing was removed. Check that --host is the node's root (hostPath /) "
                    + "and that ostree sees its /sysroot, or use --sysroot=DIR for an offline sysroot");
        }
        Option<Deployment> bootedMine = booted.find(d -> d.osname().equals(stateroot));
        if (bootedMine.isDefined()) {
            return Option.some("--stateroot " + stateroot + " is the booted stateroot (deployment "
                    + bootedMine.get().index() + "): it cannot be removed. Boot another stateroot first (roll back, or "
                    + "finish the upgrade), then run cleanup again");
        }
        if (status.defaultDeployment().exists(d -> d.osname().equals(stateroot))) {
            return Option.some("--stateroot " + stateroot + " holds the default deployment (index 0), the one the "
                    + "node boots next: it cannot be removed. Make another stateroot's deployment the default first "
                    + "(finish or roll back the upgrade), then run cleanup again");
        }
        return Option.none();
    }
}
