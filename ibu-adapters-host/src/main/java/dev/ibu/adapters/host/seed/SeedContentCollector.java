package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.OstreeDeployment;
import dev.ibu.adapters.host.support.HostLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Collects a {@link SeedContent} from a seed host's sysroot the way lca-cli does (host-and-image.md §1.2):
 * the deployment's commit and origin, its /etc changes from {@code ostree admin config-diff} (deletions
 * listed apart, multus and node-specific files left out) and its stateroot's /var.
 */
public final class SeedContentCollector {

    /** /etc paths never carried by a seed (upstream's etc.tgz excludes), relative to /etc. */
    static final Set<String> ETC_EXCLUDES = Set.of("NetworkManager/system-connections",
        "machine-config-daemon/orig/var/lib/kubelet", "openvswitch/conf.db", "openvswitch/.conf.db.~lock~", "hostname");

    private final OstreeCli ostree;
    private final HostLayout layout;

    public SeedContentCollector(OstreeCli ostree, HostLayout layout) {
        this.ostree = ostree;
        this.layout = layout;
    }

    /** {@code workDir} receives the /etc changes; the /var and the repo are read in place. */
    public SeedContent collect(String osname, Path workDir, SeedClusterInfo info, List<String> images,
                               List<String> kernelArguments, boolean fips) {
        OstreeDeployment d = ostree.status().stream().filter(x -> x.osname().equals(osname))
            .sorted((a, b) -> Boolean.compare(b.booted(), a.booted())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unable to find deployment in stateroot: " + osname));
        Path deployDir = layout.staterootDir(osname).resolve("deploy").resolve(d.deploymentName());
        Path etc = workDir.resolve("etc");
        List<String> deletions = new ArrayList<>();
        try {
            Files.createDirectories(etc);
            for (OstreeCli.EtcChange c : ostree.configDiff(osname)) {
                if (c.path().contains("cni/multus") || excluded(c.path())) {
                    continue;
                }
                if (c.kind() == 'D') {
                    deletions.add("/etc/" + c.path());
                } else {
                    copy(deployDir.resolve("etc").resolve(c.path()), etc.resolve(c.path()));
                }
            }
            String origin = Files.readString(Path.of(deployDir + ".origin"));
            return new SeedContent(layout.sysroot().resolve("ostree/repo"), osname, d.checksum(), d.serial(),
                layout.staterootVar(osname), etc, deletions, origin, kernelArguments, fips, info, images);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot collect the seed content of stateroot " + osname + ": " + e.getMessage(), e);
        }
    }

    static boolean excluded(String etcPath) {
        return ETC_EXCLUDES.stream().anyMatch(x -> etcPath.equals(x) || etcPath.startsWith(x + "/"));
    }

    /** config-diff lists directories too: they become directories, files and links are copied as they are. */
    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(to);
        } else if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
        }
    }
}
