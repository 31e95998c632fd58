/**
 * The local backup: a second {@link dev.ibu.ports.out.BackupPort}, {@link dev.ibu.adapters.oadp.local.LocalBackupAdapter},
 * that keeps the objects the {@code oadpContent} Velero Backups select on the node's shared container partition
 * instead of in an object store, and {@link dev.ibu.adapters.oadp.local.BackupMethodSelector}, which picks it or the
 * OADP adapter per upgrade (annotation {@code lca.openshift.io/backup-method}).
 *
 * <p>It shares the ConfigMap decoding, apply-wave order and apply-label parsing with the OADP adapter. Files go
 * through {@link dev.ibu.adapters.oadp.local.ContainedDir} only (names checked by
 * {@link dev.ibu.adapters.oadp.local.SafeName}, no link followed, 0700/0600, atomic writes); the manifest
 * ({@link dev.ibu.adapters.oadp.local.BackupManifest}) is written last and checked in full before a restore.
 */
package dev.ibu.adapters.oadp.local;
