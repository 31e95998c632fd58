package dev.ibu.ports.testkit;

import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ostree side of the in-memory host: deployments in index order (index 0 is the default for the next boot),
 * which one is booted, and each stateroot's directory. Not thread-safe: {@link InMemoryHost} guards it.
 */
final class HostState {
    /** One deployment; the serial is unique on the host, so equal records are the same deployment. */
    record Dep(String osname, String checksum, int serial) {
    }

    final java.util.List<Dep> deployments = new ArrayList<>();
    final Map<String, StaterootDir> dirs = new LinkedHashMap<>();
    Dep booted;
    private int serials;

    HostState(String bootedStateroot, StaterootDir original) {
        dirs.put(bootedStateroot, original);
        booted = new Dep(bootedStateroot, Seed.checksumFor(bootedStateroot), serials++);
        deployments.add(booted);
    }

    HostStatus status() {
        List<Deployment> ds = List.empty();
        for (int i = 0; i < deployments.size(); i++) {
            Dep d = deployments.get(i);
            ds = ds.append(new Deployment(i, d.osname(), d.checksum(), d.serial(), d.equals(booted)));
        }
        return new HostStatus(ds);
    }

    String bootedStateroot() {
        return booted.osname();
    }

    Option<String> unbootedStateroot() {
        return Option.ofOptional(deployments.stream().map(Dep::osname)
                .filter(n -> !n.equals(booted.osname())).findFirst());
    }

    /** Deploys as {@code ostree admin deploy --not-as-default} does: right after the current default. */
    void deployAfterDefault(String osname, String checksum) {
        deployments.add(Math.min(1, deployments.size()), new Dep(osname, checksum, serials++));
    }

    Either<PortFailure, Void> setDefault(String stateroot) {
        Option<Dep> newest = Option.ofOptional(deployments.stream().filter(d -> d.osname().equals(stateroot))
                .findFirst());
        if (newest.isEmpty()) {
            return Either.left(PortFailure.notFound("unable to find deployment in stateroot: " + stateroot));
        }
        deployments.remove(newest.get());
        deployments.add(0, newest.get());
        return Either.right(null);
    }

    void remove(String stateroot) {
        deployments.removeIf(d -> d.osname().equals(stateroot));
        dirs.remove(stateroot);
    }

    /** Boots the default deployment; returns the stateroot now booted. */
    String boot() {
        if (deployments.isEmpty()) {
            throw new IllegalStateException("no deployment to boot");
        }
        booted = deployments.get(0);
        return booted.osname();
    }

    int bootedIndex() {
        return deployments.indexOf(booted);
    }
}
