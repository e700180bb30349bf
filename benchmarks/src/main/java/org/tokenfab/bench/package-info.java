/**
 * JMH benchmarks of the hot paths (event queue, step-cost model, KV allocator, samplers) and
 * end-to-end simulation speed (issue 10). Empty until that issue lands.
 */
package org.tokenfab.bench;
