/**
 * The OADP adapter: {@link dev.ibu.adapters.oadp.OadpBackupAdapter} implements
 * {@link dev.ibu.ports.out.BackupPort} with fabric8 generic resources for Velero ({@code velero.io/v1} Backup,
 * Restore, DeleteBackupRequest, BackupStorageLocation) and OADP ({@code oadp.openshift.io/v1alpha1}
 * DataProtectionApplication), following oadp-and-manifests.md §1, §2 and §4.
 *
 * <p>Technology layer (no port types): {@link dev.ibu.adapters.oadp.ApplyWave} (numeric wave order),
 * {@link dev.ibu.adapters.oadp.ApplyLabelTarget}, {@link dev.ibu.adapters.oadp.OadpContentDecoder},
 * {@link dev.ibu.adapters.oadp.OadpCluster} (API calls returning {@link dev.ibu.adapters.oadp.ApiError}),
 * {@link dev.ibu.adapters.oadp.BackupDeleter} (DeleteBackupRequests without blocking; the attempt's start is an
 * annotation on the Backup), {@link dev.ibu.adapters.oadp.LvmsReclaimPolicy},
 * {@link dev.ibu.adapters.oadp.LvmsPreflight}, {@link dev.ibu.adapters.oadp.VeleroWatch} (Backup and Restore
 * phases from informers, and the wake of {@link dev.ibu.ports.out.BackupPort#onProgress}) read through
 * {@link dev.ibu.adapters.oadp.VeleroLookup}. The adapter's steps (validation, backup waves, export, restores,
 * cleanup) turn their results into {@link dev.ibu.ports.out.PortFailure} and {@link dev.ibu.ports.out.WorkProgress}.
 *
 * <p>Sub-package {@code local}: the second adapter of the same port, without OADP (objects kept on the node's shared
 * container partition), and the selector that picks one per upgrade; it reuses this package's decoding, apply-wave
 * order and apply-label parsing.
 */
package dev.ibu.adapters.oadp;
