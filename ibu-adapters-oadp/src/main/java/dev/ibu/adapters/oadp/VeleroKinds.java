package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The API kinds this adapter speaks, as fabric8 generic resource contexts (no Velero model jar needed). */
public final class VeleroKinds {
    public static final ResourceDefinitionContext BACKUP = namespaced("velero.io", "v1", "Backup", "backups");
    public static final ResourceDefinitionContext RESTORE = namespaced("velero.io", "v1", "Restore", "restores");
    public static final ResourceDefinitionContext DELETE_BACKUP_REQUEST =
            namespaced("velero.io", "v1", "DeleteBackupRequest", "deletebackuprequests");
    public static final ResourceDefinitionContext BACKUP_STORAGE_LOCATION =
            namespaced("velero.io", "v1", "BackupStorageLocation", "backupstoragelocations");
    public static final ResourceDefinitionContext DPA =
            namespaced("oadp.openshift.io", "v1alpha1", "DataProtectionApplication", "dataprotectionapplications");
    public static final ResourceDefinitionContext CSV =
            namespaced("operators.coreos.com", "v1alpha1", "ClusterServiceVersion", "clusterserviceversions");
    public static final ResourceDefinitionContext CLUSTER_VERSION = new ResourceDefinitionContext.Builder()
            .withGroup("config.openshift.io").withVersion("v1").withKind("ClusterVersion")
            .withPlural("clusterversions").withNamespaced(false).build();

    private VeleroKinds() {
    }

    public static String apiVersion(ResourceDefinitionContext kind) {
        return kind.getGroup() + "/" + kind.getVersion();
    }

    private static ResourceDefinitionContext namespaced(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }
}
