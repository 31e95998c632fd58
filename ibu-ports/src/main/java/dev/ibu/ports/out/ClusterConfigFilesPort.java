package dev.ibu.ports.out;

import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The node's side of the configuration carried across the pivot (oadp-and-manifests.md §4): the node's own files
 * read before the pivot, and the {@code /var/opt/openshift} tree of a stateroot (files 0600, directories 0700, never
 * following a link out of the stateroot). Contents are never logged.
 */
public interface ClusterConfigFilesPort {
    /**
     * The booted node's files ({@link NodeConfiguration}). The {@code core} user's authorized keys
     * ({@code /home/core/.ssh/authorized_keys.d/ignition}) are required: absent is {@link PortFailure.NotFound}
     * naming the file; every other file is optional.
     */
    Either<PortFailure, NodeConfiguration> readNode();

    /**
     * Writes {@code config} into {@code stateroot}'s {@code /var/opt/openshift}: {@code cluster-configuration/}
     * ({@code manifest.json}, {@code manifests/}, {@code certmanager-crypto/}), {@code network-configuration/} and
     * {@code lvm-configuration/}, replacing what an earlier attempt wrote there (nothing else under
     * {@code /var/opt/openshift} is touched). When the configuration has an SSH key, {@code manifests/} also gets
     * upstream's {@code 99-master-ssh.json} and {@code 99-worker-ssh.json} MachineConfigs giving it to the core user
     * (upstream's post-pivot writes them there before applying). An absent stateroot is {@link PortFailure.NotFound}.
     */
    Either<PortFailure, Void> save(String stateroot, ClusterConfiguration config);

    /**
     * The manifests saved in {@code stateroot}, by file name in byte-wise order (the apply order); none when nothing
     * is saved there (never saved, or already {@link #discard discarded}).
     */
    Either<PortFailure, Option<ExportBundle>> loadManifests(String stateroot);

    /** Deletes what {@link #save} wrote in {@code stateroot} (once applied); absent is fine. */
    Either<PortFailure, Void> discard(String stateroot);
}
