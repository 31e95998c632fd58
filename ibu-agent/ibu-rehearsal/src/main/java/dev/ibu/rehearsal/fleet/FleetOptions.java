package dev.ibu.rehearsal.fleet;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code local}'s fleet options: {@code --fleet=N}, {@code --fleet-fail=K}, {@code --ibgu=FILE|talm}. */
public final class FleetOptions {
    @Option(names = "--fleet", paramLabel = "N", description = "Rehearse a fleet rollout instead: a strict local hub "
            + "with N ManagedClusters spoke1..spokeN (labels name and env=lab), a simulated work agent per spoke and "
            + "the real hub controller rolling an ImageBasedGroupUpgrade out batch by batch.")
    int spokes;

    @Option(names = "--fleet-fail", paramLabel = "K", description = "With --fleet: spokes spoke2..spoke(K+1) fail Prep "
            + "(the default IBGU's failure budget is 1 spoke: K >= 2 halts the rollout).")
    int failing;

    @Option(names = "--ibgu", paramLabel = "FILE|talm", description = "With --fleet: the IBGU to apply (default: a "
            + "canary, a budget and three steps over every spoke; talm: TALM's docs/ibgu/README.md plan, unchanged).")
    String ibgu;

    @Option(names = "--fleet-spokes", paramLabel = "engine|apiserver|scripted", description = "With --fleet: engine "
            + "(default: each spoke runs the ibu engine on an in-memory host), apiserver (each spoke also has its own "
            + "strict API server holding its IBU) or scripted (a scripted IBU, for big fleets).")
    String spokeKind = "engine";

    public boolean requested() {
        return spokes != 0 || failing != 0 || ibgu != null;
    }

    public int run(boolean noYaml, PrintWriter out, PrintWriter err) {
        if (spokes < 1 || spokes > 10_000) {
            err.println("--fleet=" + spokes + ": give the number of spokes, 1 to 10000 (e.g. --fleet=8)");
            err.flush();
            return 2;
        }
        if (failing < 0 || failing >= spokes) {
            err.println("--fleet-fail=" + failing + ": give fewer failing spokes than --fleet (0 to " + (spokes - 1)
                    + ")");
            err.flush();
            return 2;
        }
        if (!java.util.List.of("engine", "apiserver", "scripted").contains(spokeKind)) {
            err.println("--fleet-spokes=" + spokeKind + ": use engine, apiserver or scripted");
            err.flush();
            return 2;
        }
        String yaml;
        if (ibgu == null) {
            yaml = FleetRehearsal.resource("fleet-ibgu.yaml");
        } else if ("talm".equals(ibgu)) {
            yaml = FleetRehearsal.resource("talm-readme-ibgu.yaml");
        } else {
            try {
                yaml = Files.readString(Path.of(ibgu));
            } catch (IOException e) {
                err.println("--ibgu=" + ibgu + ": cannot read it (" + e.getMessage() + "); give a YAML file or talm");
                err.flush();
                return 2;
            }
        }
        return FleetRehearsal.run(spokes, failing, spokeKind, yaml, !noYaml, out, err);
    }
}
