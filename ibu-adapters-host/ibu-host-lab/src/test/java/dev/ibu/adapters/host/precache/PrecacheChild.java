package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.HostLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A precache in its own JVM, for PrecacheKilledHalfwayIT to kill. Args: storeDir registryHost concurrency refs... */
public final class PrecacheChild {

    private PrecacheChild() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        SkopeoClient sk = new SkopeoClient(ProcessRunner.local(), HostLayout.forSysroot(store, store), Set.of(args[1]), 0)
            .with(Map.of("CONTAINERS_STORAGE_CONF", store.resolve("storage.conf").toString()), Duration.ofMinutes(2), 0);
        List<String> refs = Arrays.asList(args).subList(3, args.length);
        new PrecacheWorkload(new SkopeoImageStore(sk, store.resolve("graph"), "vfs"),
            new PrecacheSettings(store.resolve("precache_status.json"), Integer.parseInt(args[2]), 5, Duration.ofMillis(100),
                false, 0), DiskUsage.statfs(), Optional.of("amd64")).run(refs, Optional.empty(), p -> { }, false);
    }
}
