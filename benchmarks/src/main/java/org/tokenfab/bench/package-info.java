/**
 * JMH micro-benchmarks of TokenFab's hot paths (issue 10): the event queue, the engine's raw event
 * rate in a hold model, the step-cost model and the workload samplers. The KV block allocator's
 * benchmark is {@code org.tokenfab.serving.KvCacheBench}, in the serving package because the
 * allocator is package-private there. End-to-end speed is {@code tokenfab bench} (the CLI).
 *
 * <p>Build and run all (prints a table at the end): see {@code benchmarks/README.md}.
 */
package org.tokenfab.bench;
