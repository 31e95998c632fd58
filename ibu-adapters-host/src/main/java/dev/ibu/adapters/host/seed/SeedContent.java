package dev.ibu.adapters.host.seed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a seed image is made of (host-and-image.md §1.2), before packaging.
 *
 * @param ostreeRepo   the seed's ostree repo (bare), becomes ostree.tgz
 * @param osname       the seed's booted stateroot, for rpm-ostree.json's id
 * @param commit       the booted deployment's commit checksum
 * @param serial       the booted deployment's serial
 * @param varDir       the seed's /var, becomes var.tgz (members var/...)
 * @param etcDir       the seed's locally changed or added /etc files, becomes etc.tgz (members etc/...)
 * @param etcDeletions /etc paths the seed deleted, one per line in etc.deletions (e.g. /etc/obsolete.conf)
 * @param origin       content of the deployment's .origin file
 * @param kernelArguments MachineConfig spec.kernelArguments
 * @param fips         MachineConfig spec.fips
 * @param clusterInfo  manifest.json and the seed_cluster_info label
 * @param images       containers.list
 */
public record SeedContent(Path ostreeRepo, String osname, String commit, int serial, Path varDir, Path etcDir,
                          List<String> etcDeletions, String origin, List<String> kernelArguments, boolean fips,
                          SeedClusterInfo clusterInfo, List<String> images) {

    public SeedContent {
        Objects.requireNonNull(ostreeRepo);
        Objects.requireNonNull(osname);
        Objects.requireNonNull(commit);
        Objects.requireNonNull(varDir);
        Objects.requireNonNull(etcDir);
        Objects.requireNonNull(clusterInfo);
        etcDeletions = List.copyOf(etcDeletions);
        kernelArguments = List.copyOf(kernelArguments);
        images = List.copyOf(images);
        origin = origin == null ? "[origin]\nrefspec=" + commit + "\n" : origin;
    }

    public String deployment() {
        return commit + "." + serial;
    }
}
