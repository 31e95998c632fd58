package dev.ibu.ports.out;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.Objects;

/** The host's deployments, in index order. */
public record HostStatus(List<Deployment> deployments) {
    public HostStatus {
        Objects.requireNonNull(deployments);
        deployments = deployments.sortBy(Deployment::index);
    }

    public Option<Deployment> booted() {
        return deployments.find(Deployment::booted);
    }

    public Option<Deployment> defaultDeployment() {
        return deployments.headOption();
    }

    public Option<String> bootedStateroot() {
        return booted().map(Deployment::osname);
    }

    public List<String> staterootNames() {
        return deployments.map(Deployment::osname).distinct();
    }

    public boolean hasStateroot(String name) {
        return deployments.exists(d -> d.osname().equals(name));
    }
}
