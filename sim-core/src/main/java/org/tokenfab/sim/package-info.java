/**
 * The discrete-event engine, and nothing domain-specific: simulated time, the event queue, the
 * run loop, per-component random streams and streaming statistics.
 *
 * <p>Invariants every class here keeps, and that code built on it may rely on:
 * <ul>
 *   <li>Simulated time is a {@code long} count of nanoseconds from 0; it never goes backwards.
 *       Seconds and {@code Duration} exist only at the edges (YAML, reports, UI).</li>
 *   <li>Events fire in a total order, (time, then insertion sequence), so the same model and seed
 *       give the same run, event for event. {@link org.tokenfab.sim.Simulation}'s
 *       {@code shuffleTies} debug mode breaks ties at random (seeded) instead, to expose models
 *       that silently depend on the tie order.</li>
 *   <li>An event is a (handler, type, payload) triple in pooled primitive arrays: scheduling,
 *       firing and cancelling an event allocate nothing once the queue has reached its working
 *       size, and the run loop takes no locks.</li>
 *   <li>Each component's random stream depends only on (master seed, component name), so adding
 *       a component never changes another's draws.</li>
 *   <li>No mutable static state: everything belongs to a {@code Simulation} instance, so many
 *       simulations run in parallel. Each instance is confined to one thread at a time.</li>
 * </ul>
 */
package org.tokenfab.sim;
