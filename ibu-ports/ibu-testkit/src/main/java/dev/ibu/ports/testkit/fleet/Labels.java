package dev.ibu.ports.testkit.fleet;

import java.util.regex.Pattern;

/** Kubernetes' rule for a label key (an optional DNS-subdomain prefix, a name of at most 63 characters). */
final class Labels {
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Labels() {
    }

    static boolean validKey(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean prefixOk = slash < 0 || (prefix.length() <= 253 && PREFIX.matcher(prefix).matches());
        return prefixOk && name.length() <= 63 && NAME.matcher(name).matches();
    }
}
