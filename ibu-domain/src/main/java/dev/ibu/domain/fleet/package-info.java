/**
 * Fleet rollouts (issue 17): the ImageBasedGroupUpgrade as TALM defines it, ibu's additions, and the rollout rules
 * as pure functions.
 *
 * <ul>
 *   <li>{@link dev.ibu.domain.fleet.PlanRules}: TALM's admission rules for {@code spec.plan} (26 sequences, six
 *       steps, four actions, append-only) and ibu's strategy fields.</li>
 *   <li>{@link dev.ibu.domain.fleet.SpokeProgress}: what a spoke's IBU conditions mean for the action asked of it.</li>
 *   <li>{@link dev.ibu.domain.fleet.Rollout#decide}: one decision for the current step from the IBGU and its status,
 *       the spokes as the hub sees them, and the time.</li>
 * </ul>
 *
 * Semantics that differ from TALM, on purpose: a spoke fails as soon as its IBU says so (TALM waits for the batch
 * timeout); each spoke gets the step's whole {@code timeout} from its own start (TALM splits the step's timeout over
 * its batches); a step with {@code maxFailures} halts when more spokes fail than it allows, lets the in-flight spokes
 * finish, starts no other, and resumes when a step is appended; a {@code canary} batch must complete and soak before
 * the rest starts, and a failed canary halts; {@code onFailure: Hold} keeps failed spokes out of every later step,
 * Abort and AbortOnFailure included. Without these fields a plan rolls out as TALM's does: failures do not stop the
 * step, later steps select spokes by what they completed.
 */
package dev.ibu.domain.fleet;
