/**
 * The fleet hub's adapters (issue 17) on fabric8 generic resources: ImageBasedGroupUpgrades
 * ({@code lcm.openshift.io/v1alpha1}), ManagedClusters ({@code cluster.open-cluster-management.io/v1}) and
 * ManifestWorks ({@code work.open-cluster-management.io/v1}). ManagedClusters and ManifestWorks are read from
 * informers (one list and one watch per kind, never a read per spoke); {@link dev.ibu.adapters.k8s.fleet.HubAdapters}
 * builds them all and reports which IBGU to reconcile when something changes.
 */
package dev.ibu.adapters.k8s.fleet;
