package dev.ibu.kubectl;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The client configuration as kubectl resolves it: {@code --kubeconfig}, else {@code $KUBECONFIG} (first file that
 * exists), else {@code ~/.kube/config}; {@code --context} or the file's current context. Unlike fabric8's
 * auto-configuration, a missing kubeconfig is an error here, not a silent {@code https://kubernetes.default.svc}.
 */
final class Kubeconfigs {
    private Kubeconfigs() {
    }

    static Config resolve(String kubeconfig, String context, Map<String, String> env) {
        File file = file(kubeconfig, env);
        var parsed = KubeConfigUtils.parseConfig(file);
        if (context != null && parsed.getContexts().stream().noneMatch(c -> context.equals(c.getName()))) {
            throw new PluginError("context \"" + context + "\" is not in " + file + " (it has: "
                    + String.join(", ", parsed.getContexts().stream().map(c -> c.getName()).toList())
                    + "): pass one of these to --context, or see kubectl config get-contexts");
        }
        if (context == null && (parsed.getCurrentContext() == null || parsed.getCurrentContext().isEmpty())) {
            throw new PluginError(file + " has no current-context: pass --context, or run kubectl config "
                    + "use-context NAME");
        }
        Config config = Config.fromKubeconfig(context, file);
        config.setRequestTimeout(30_000);
        config.setConnectionTimeout(10_000);
        config.setRequestRetryBackoffLimit(0);
        // as kubectl: watches over plain HTTP (chunked), which every API server serves
        config.setOnlyHttpWatches(true);
        return config;
    }

    private static File file(String kubeconfig, Map<String, String> env) {
        if (kubeconfig != null) {
            Path p = Path.of(kubeconfig);
            if (!Files.isRegularFile(p)) {
                throw new PluginError("--kubeconfig " + kubeconfig + " does not exist or is not a file: pass the "
                        + "path of a kubeconfig (e.g. the one oc login or the installer wrote)");
            }
            return p.toFile();
        }
        String list = env.getOrDefault("KUBECONFIG", "");
        if (!list.isEmpty()) {
            for (String entry : list.split(File.pathSeparator)) {
                if (!entry.isEmpty() && Files.isRegularFile(Path.of(entry))) {
                    return new File(entry);
                }
            }
            throw new PluginError("KUBECONFIG=" + list + " names no existing file: fix KUBECONFIG or pass "
                    + "--kubeconfig FILE");
        }
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config");
        if (Files.isRegularFile(home)) {
            return home.toFile();
        }
        throw new PluginError("no kubeconfig: " + home + " does not exist and KUBECONFIG is not set: log in "
                + "(oc login ...), set KUBECONFIG, or pass --kubeconfig FILE");
    }
}
