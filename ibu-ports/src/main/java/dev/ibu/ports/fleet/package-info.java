/**
 * Fleet rollouts from a hub (issue 17): the driven ports a hub controller needs (ManagedClusters, the per-spoke
 * ManifestWorks, the ImageBasedGroupUpgrade store, Events) and {@link dev.ibu.ports.fleet.HubEngine}, which runs one
 * reconcile pass of an IBGU through {@code Rollout.decide}.
 *
 * <p>Where the state lives: each spoke's row (step, action, state, completed and failed actions) is written on the
 * spoke's own ManifestWork, so it is bounded per object and written in the same call that starts the spoke; the IBGU's
 * status holds the step, the halt, the summary counts and a bounded view of the rows ({@link HubStatus}), so that
 * 10,000 spokes never push one object past etcd's size limit.
 */
package dev.ibu.ports.fleet;
