/**
 * The datacenter being simulated: requests, replicas with their iteration loop and KV-cache
 * accounting, routers, the arrival source, and the recorder that turns what happens into metrics.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Granularity is the iteration: one event per replica step, never one per token or layer.</li>
 *   <li>Request objects are pooled ({@link org.tokenfab.serving.RequestPool}); memory grows with
 *       requests in flight, not with requests simulated.</li>
 *   <li>Every request that arrives is either completed or rejected and counted; none is lost.</li>
 *   <li>Metric definitions follow the architecture page (TTFT, TPOT, ITL, E2E).</li>
 * </ul>
 */
package org.tokenfab.serving;
