package dev.ibu.domain.fleet;

/** A label to set on a ManagedCluster, e.g. {@code lcm.openshift.io/ibgu-prep-completed}. */
public record LabelChange(String cluster, String key) {
    public static final String PREFIX = "lcm.openshift.io/ibgu-";

    public static String completed(Action a) {
        return PREFIX + a.labelName() + "-completed";
    }

    public static String failed(Action a) {
        return PREFIX + a.labelName() + "-failed";
    }
}
