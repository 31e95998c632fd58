/**
 * {@code ibu-agent hub} (issue 17): the fleet controller on an ACM hub. The adapters' watches name the IBGU to
 * reconcile; a de-duplicating work queue hands each to {@link dev.ibu.ports.fleet.HubEngine}; the pass's wake time
 * (a timeout, a soak's end) and a periodic resync bring it back without a watch event.
 */
package dev.ibu.agent.hub;
