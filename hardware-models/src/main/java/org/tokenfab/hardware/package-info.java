/**
 * What accelerators and LLMs are, and what work costs on them.
 *
 * <p>What lives here:
 * <ul>
 *   <li>The catalog ({@link org.tokenfab.hardware.Catalog}): accelerators
 *       ({@link org.tokenfab.hardware.AcceleratorSpec}), model architectures
 *       ({@link org.tokenfab.hardware.ModelSpec}) and systems ({@link org.tokenfab.hardware.SystemSpec}:
 *       nodes, scale-up domains, node overhead power, host links) read from YAML resources under
 *       {@code org/tokenfab/hardware/catalog/}, one file per entry, listed in {@code index.yaml}.
 *   <li>{@link org.tokenfab.hardware.SafeYaml}: the YAML reader of catalog entries and of scenarios
 *       (the scenario loader builds on this module): plain values only, bounded, errors at their
 *       line and column.
 *   <li>{@link org.tokenfab.hardware.Deployment}: a replica's shape (model, accelerator, tensor and
 *       pipeline parallelism, precisions).
 *   <li>{@link org.tokenfab.hardware.MemoryModel}: weights + reserve + KV cache, hence the KV
 *       capacity of a replica in tokens.
 * </ul>
 * Sub-packages: {@code cost} (the calibrated step-cost model of one engine iteration),
 * {@code power} (accelerator power, caps and DVFS), {@code roofline} (the ideal roofline for
 * teaching).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Pure functions of immutable inputs: no engine, no simulated time, no randomness, no
 *       mutable or static state (the built-in catalog is loaded once into an immutable object).
 *       Dependencies: sim-core only for {@code TokenFabException}.
 *   <li>Every catalog number carries a source and a confidence; a file without them does not
 *       load. FLOPS are dense, never the 2x sparse datasheet headline. Units in catalog files are
 *       those of the field name (GB = 10^9 bytes, TB/s, TFLOPS, GB/s, W); code works in bytes,
 *       bytes/s, FLOP/s and nanoseconds.
 *   <li>Errors a user can cause (unknown id, malformed catalog file, a model that does not fit,
 *       an impossible tp) are {@code TokenFabException}s whose message names the input, the
 *       numbers and what is allowed.
 *   <li>{@code cost.StepCostModel#evaluate} and {@code power.PowerModel#watts} are on the
 *       simulator's hot path: primitive arguments, no allocation; step time is monotone in every
 *       argument.
 * </ul>
 */
package org.tokenfab.hardware;
