/**
 * Capacity planning ({@code tokenfab plan}): which accelerator, tensor parallelism and replica
 * count serve a target load within latency SLOs at the least cost, accelerators or power.
 *
 * <p>The search is simulation, not a formula: each point is a full {@code ScenarioRun} of the
 * template scenario with overrides. Points that cannot work are pruned before any simulation with
 * the reason recorded (does not fit in memory, tp not allowed, too little capacity at the most
 * replicas allowed). For each (accelerator, tp) a one-replica saturation probe bounds the replica
 * count from below; {@link org.tokenfab.scenario.plan.ReplicaSearch} then searches upward
 * exponentially and bisects, since latency falls (close enough to) monotonically with replicas.
 * Every run is deterministic, so the plan is too, whatever the number of threads.
 *
 * <p>The probes and searches run through {@link org.tokenfab.scenario.plan.PlanTasks}: this
 * machine's threads by default, or Spark tasks built from a {@link org.tokenfab.scenario.plan.PlanJob}
 * (the plan as text) by the optional {@code spark} module; the planner's order and waves stay on
 * the caller's side, so the plan is the same either way.
 */
package org.tokenfab.scenario.plan;
