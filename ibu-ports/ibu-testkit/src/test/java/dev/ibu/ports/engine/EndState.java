package dev.ibu.ports.engine;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.testkit.TestWorld;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run of a scenario leaves behind, as comparable text per field: what an administrator and the next stage
 * see. Compared: the CR's spec.stage, its conditions (type, status, reason and message, in order), validNextStages,
 * annotations and rollbackAvailabilityExpiration; the host's deployments (stateroot per index), the booted and the
 * default stateroot, the stateroot directories, the IBU and bundles saved in each, the setup job of the new stateroot
 * and the precache job, whether the init monitor is armed; the cluster's version; Velero's Backups and Restores with
 * their phases; the extra manifests applied
 * (as a set: applying one again after a kill is harmless, as server-side apply is).
 *
 * <p>Excluded, because a kill legitimately changes them without changing the outcome: lastTransitionTime and the
 * stage history (timestamps: a kill adds passes and requeues, so the manual clock reads differently), generation,
 * observedGeneration and resourceVersion (a restarted agent writes more often, and a CR restored after a pivot is a
 * new object), Events (best effort; a new agent announces again what the dead one may have announced), and the
 * reboot and boot counters (a power loss is a boot).
 */
record EndState(Map<String, String> fields) {

    static EndState of(TestWorld world) {
        Map<String, String> f = new LinkedHashMap<>();
        var ibu = world.cluster().ibu();
        f.put("cr", ibu.isDefined() ? "present" : "MISSING");
        ibu.forEach(i -> cr(i, f));
        var host = world.host();
        f.put("deployments", host.hostStatus().deployments().map(d -> d.index() + ":" + d.osname()).mkString(" "));
        f.put("booted", host.bootedStateroot());
        f.put("default", host.defaultStateroot());
        f.put("stateroots", host.staterootNames().sorted().mkString(" "));
        for (String sr : host.staterootNames().sorted()) {
            f.put("saved ibu in " + sr, host.savedIbu(sr).map(EndState::summary).getOrElse("none"));
            f.put("bundles in " + sr, host.bundleNames(sr).sorted().mkString(" "));
        }
        f.put("setup job " + world.newStateroot(), host.setupJobState(world.newStateroot()).toString());
        f.put("precache job", world.precache().peek().state().toString());
        f.put("init monitor armed", String.valueOf(host.initMonitorArmed()));
        f.put("cluster version", world.cluster().current().map(c -> c.ocpVersion()).getOrElse("?"));
        f.put("backups", new TreeMap<>(world.velero().backupPhases().toJavaMap()).toString());
        f.put("restores", new TreeMap<>(world.velero().restorePhases().toJavaMap()).toString());
        // applying a manifest again is harmless (server-side apply), so the set is compared, not the count
        f.put("applied manifests", world.cluster().applied().map(m -> m.kind().getOrElse("?") + " " + m.namespace()
                + "/" + m.name()).distinct().sorted().mkString(", "));
        return new EndState(f);
    }

    private static void cr(ImageBasedUpgrade i, Map<String, String> f) {
        f.put("spec.stage", i.spec().stage().wireName());
        f.put("conditions", Snapshot.all(i));
        f.put("validNextStages", String.join(" ", Snapshot.validNextStages(i)));
        f.put("annotations", i.metadata().annotations().keySet().toSortedSet().mkString(" "));
        f.put("rollbackAvailabilityExpiration", i.status().rollbackAvailabilityExpiration().map(Object::toString)
                .getOrElse("none"));
    }

    /** A saved CR by its conditions (what a restore would bring back). */
    private static String summary(ImageBasedUpgrade saved) {
        return saved.status().conditions().items().map(Snapshot::line).mkString(" | ");
    }

    /** The fields that differ, one line each: {@code field: expected <a> but was <b>}; empty when equal. */
    List<String> diff(EndState actual) {
        List<String> out = new ArrayList<>();
        var keys = new java.util.LinkedHashSet<>(fields.keySet());
        keys.addAll(actual.fields.keySet());
        for (String k : keys) {
            String want = fields.getOrDefault(k, "<absent>");
            String got = actual.fields.getOrDefault(k, "<absent>");
            if (!want.equals(got)) {
                out.add(k + ": expected <" + want + "> but was <" + got + ">");
            }
        }
        return out;
    }
}
