package dev.ibu.agent;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code crd}: prints the ImageBasedUpgrade CRD generated from the resource classes at build time. */
@Command(name = "crd", mixinStandardHelpOptions = true,
        description = "Print the ImageBasedUpgrade CRD (YAML), e.g. 'ibu-agent crd | kubectl apply -f -'.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the CRD was printed", "2:bad usage (this command takes no arguments)"})
public final class CrdCommand implements Callable<Integer> {
    private final PrintWriter out;

    public CrdCommand(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(GeneratedCrd.yaml());
        out.flush();
        return 0;
    }
}
