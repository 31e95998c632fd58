package dev.ibu.ports.engine;

import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.ClusterConfigPort;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PullSecretPort;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.out.SeedImagePort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;

import java.util.Objects;

/** Every driven port the engine uses; an embedder fills it with adapters or its own implementations. */
public record EnginePorts(
        IbuResourcePort resource,
        ConfigMapPort configMaps,
        PullSecretPort pullSecrets,
        ClusterHealthPort health,
        ClusterInfoPort clusterInfo,
        ExtraManifestPort extraManifests,
        BackupPort backups,
        SeedImagePort seedImages,
        StaterootPort stateroots,
        PrecachePort precache,
        RebootPort reboot,
        StateStorePort stateStore,
        CertificatePort certificates,
        EventPort events,
        ClockPort clock,
        ClusterConfigPort clusterConfig,
        ClusterConfigFilesPort clusterConfigFiles) {

    public EnginePorts {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(configMaps, "configMaps");
        Objects.requireNonNull(pullSecrets, "pullSecrets");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(clusterInfo, "clusterInfo");
        Objects.requireNonNull(extraManifests, "extraManifests");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(seedImages, "seedImages");
        Objects.requireNonNull(stateroots, "stateroots");
        Objects.requireNonNull(precache, "precache");
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(stateStore, "stateStore");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(clusterConfig, "clusterConfig");
        Objects.requireNonNull(clusterConfigFiles, "clusterConfigFiles");
    }
}
