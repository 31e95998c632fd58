package dev.ibu.agent.controller;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PortProvider;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheRequest;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.RebootPort;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.SeedImagePort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Optional;

/**
 * Host ports for a {@code run} that was not given a host ({@code --host=none}): every call fails with a message
 * that says so and how to fix it, so the controller retries with backoff instead of acting blind.
 */
final class UnavailableHost implements StaterootPort, SeedImagePort, RebootPort, StateStorePort, CertificatePort {
    static final String MESSAGE = "no host adapters in this agent (--host=none): stateroots, seed images, precache, "
            + "reboot and the state store are unavailable; run the agent on the node with --host=/host (the host's "
            + "root mounted there)";

    /**
     * The host ports of {@code run --host=none}, for its {@code EnginePortsBuilder}: lowest priority, so a real host
     * provider would still win.
     */
    static PortProvider provider() {
        UnavailableHost host = new UnavailableHost();
        Precache precache = new Precache();
        return new PortProvider() {
            @Override
            public String name() {
                return "none (--host=none)";
            }

            @Override
            public java.util.List<Class<?>> ports() {
                return java.util.List.of(StaterootPort.class, SeedImagePort.class, PrecachePort.class,
                        RebootPort.class, StateStorePort.class, CertificatePort.class);
            }

            @Override
            public <T> Optional<T> create(Class<T> port, PortContext context) {
                return Optional.of(port.cast(port == PrecachePort.class ? precache : host));
            }

            @Override
            public int priority() {
                return Integer.MIN_VALUE;
            }
        };
    }

    private static <T> Either<PortFailure, T> no() {
        return Either.left(PortFailure.transientFailure(MESSAGE));
    }

    /** The precache port (its {@code status()} clashes with the stateroot port's). */
    static final class Precache implements PrecachePort {
        @Override
        public Either<PortFailure, Void> start(PrecacheRequest request) {
            return no();
        }

        @Override
        public Either<PortFailure, PrecacheStatus> status() {
            return no();
        }

        @Override
        public Either<PortFailure, Void> cleanup() {
            return no();
        }
    }

    @Override
    public Either<PortFailure, HostStatus> status() {
        return no();
    }

    @Override
    public Either<PortFailure, Void> startSetup(StaterootSetup setup) {
        return no();
    }

    @Override
    public Either<PortFailure, JobState> setupState(String staterootName) {
        return no();
    }

    @Override
    public Either<PortFailure, Void> setDefault(String staterootName) {
        return no();
    }

    @Override
    public Either<PortFailure, Void> remove(String staterootName) {
        return no();
    }

    @Override
    public Either<PortFailure, SeedImageInfo> inspect(String image, Option<PullSecret> pullSecret) {
        return no();
    }

    @Override
    public Either<PortFailure, String> nodeArchitecture() {
        return no();
    }

    @Override
    public Either<PortFailure, Void> reboot(String reason) {
        return no();
    }

    @Override
    public Either<PortFailure, Void> disableInitMonitor() {
        return no();
    }

    @Override
    public Either<PortFailure, Void> saveIbu(String stateroot, ImageBasedUpgrade ibu) {
        return no();
    }

    @Override
    public Either<PortFailure, Option<ImageBasedUpgrade>> loadIbu(String stateroot) {
        return no();
    }

    @Override
    public Either<PortFailure, Void> deleteIbu(String stateroot) {
        return no();
    }

    @Override
    public Either<PortFailure, Void> saveBundle(String stateroot, String name, ExportBundle bundle) {
        return no();
    }

    @Override
    public Either<PortFailure, Option<ExportBundle>> loadBundle(String stateroot, String name) {
        return no();
    }

    @Override
    public Either<PortFailure, Void> deleteBundles(String stateroot) {
        return no();
    }

    @Override
    public Either<PortFailure, Option<Instant>> earliestKubeletExpiry(String stateroot) {
        return no();
    }
}
