/**
 * The fleet hub in memory (issue 17): {@link dev.ibu.ports.testkit.fleet.InMemoryHub} implements the hub's ports as
 * strictly as the Kubernetes API (optimistic concurrency on status, generations that move only with the spec, label
 * keys validated, a ManifestWork only in an existing cluster namespace, referenced ConfigMaps and pull secrets must
 * exist), and {@link dev.ibu.ports.testkit.fleet.SimulatedFleet} plays ACM's work agents and the spokes' IBUs: a new
 * work generation reaches its spoke one tick late, and status feedback keeps the old generation until then.
 */
package dev.ibu.ports.testkit.fleet;
