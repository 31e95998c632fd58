/**
 * A faithful in-memory world for tests, the agent's {@code local} mode and embedders: a host with stateroots and a
 * boot that can pivot ({@link dev.ibu.ports.testkit.InMemoryHost}), a registry of seed images
 * ({@link dev.ibu.ports.testkit.InMemoryRegistry}), a cluster with the IBU resource, ConfigMaps, health and extra
 * manifests ({@link dev.ibu.ports.testkit.InMemoryCluster}), a Velero ({@link dev.ibu.ports.testkit.InMemoryVelero}),
 * a clock the test controls ({@link dev.ibu.ports.testkit.ManualClock}) and fault switches
 * ({@link dev.ibu.ports.testkit.Faults}); {@link dev.ibu.ports.testkit.TestWorld} wires them together.
 *
 * <p>Nothing here runs in the background: long work (stateroot setup, precache, backups, restores) advances only
 * when the test calls {@code tick()} (or, where configured, when the engine polls), so every test is deterministic.
 * Every class is safe to share between threads (coarse locking), because the agent's local mode runs a worker thread.
 */
package dev.ibu.ports.testkit;
