package org.tokenfab.scenario.run;

import java.util.Locale;
import java.util.Optional;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.MemoryModel;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.SystemSpec;
import org.tokenfab.hardware.cost.StepCostModel;
import org.tokenfab.scenario.KvCacheSpec;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.SpeculativeSpec;
import org.tokenfab.serving.BatchingMode;
import org.tokenfab.serving.QueueDiscipline;
import org.tokenfab.serving.SchedulerOptions;
import org.tokenfab.serving.SpecDecoding;
import org.tokenfab.serving.StepCost;
import org.tokenfab.sim.TokenFabException;

/**
 * Turns a pool's batching, queue, KV-cache and speculative-decoding settings into the serving
 * layer's {@link SchedulerOptions}, with the physical numbers they need: host-link time per KV
 * block (swap and the CPU tier), swap and CPU-tier sizes in blocks, and the draft model's cost and
 * its weights' share of memory.
 *
 * <p>Host link: the pool's system's accelerator-to-host bandwidth per direction; without a named
 * system, that of the catalog's first system built of the accelerator. Every GPU of a replica
 * moves its own shard of a block at once, so a block takes {@code bytes per block per GPU /
 * bandwidth per GPU}.
 *
 * @param scheduler         the serving options
 * @param draftWeightBlocks KV blocks the draft model's weights take (0 without one)
 */
record ReplicaOptions(SchedulerOptions scheduler, long draftWeightBlocks) {

    static ReplicaOptions of(PoolSpec p, Deployment deployment, MemoryModel memory, StepCostModel cost, Catalog catalog) {
        KvCacheSpec kv = p.kvCache();
        long bytesPerBlockPerGpu = Math.max(1, memory.kvBytesPerTokenPerGpu() * kv.blockTokens());
        boolean swap = kv.preemption().equals("swap");
        long nanosPerBlock = 0;
        if (swap || kv.cpuTierGb() > 0) {
            double gbPerS = hostLinkGbPerS(p, catalog);
            nanosPerBlock = Math.round(bytesPerBlockPerGpu / gbPerS);
        }
        int swapBlocks = swap ? (int) Math.min(Integer.MAX_VALUE, (long) (kv.swapSpaceGb() * 1e9 / bytesPerBlockPerGpu)) : 0;
        long cpuBlocks = (long) (kv.cpuTierGb() * 1e9 / bytesPerBlockPerGpu);
        SchedulerOptions options = SchedulerOptions.DEFAULT
                .withBatching(BatchingMode.parse(p.batching().policy()), p.batching().maxQueueDelayNanos())
                .withQueue(QueueDiscipline.named(p.queue().discipline()), p.queue().maxQueue(), p.queue().maxWaitNanos())
                .withKv(kv.watermark(), swap, swapBlocks, nanosPerBlock, kv.prefixCaching(), cpuBlocks)
                .withNoEvict(kv.admission().equals("no-evict"));
        long draftBlocks = 0;
        if (p.speculative().isPresent()) {
            SpeculativeSpec sp = p.speculative().get();
            StepCost draftCost;
            String method;
            if (sp.method().equals("mtp")) {
                // DeepSeek-V3's MTP module is one transformer layer sharing the target's embedding
                // and LM head: a draft pass costs about one layer's share of a decode step.
                int layers = deployment.model().layers();
                draftCost = (shape, usage) -> cost.evaluate(shape, null) / layers;
                method = "mtp";
            } else {
                ModelSpec draft = catalog.model(sp.draftModel().orElseThrow());
                int tp = Deployment.validTensorParallelDegrees(draft, deployment.scaleUpDomain()).contains(deployment.tp())
                        ? deployment.tp() : 1;
                Deployment d = new Deployment(draft, deployment.accelerator(), tp, deployment.weights(), deployment.kvCache());
                StepCostModel draftModel = new StepCostModel(d);
                draftCost = draftModel::evaluate;
                long perGpu = Math.ceilDiv(MemoryModel.weightBytes(draft, deployment.weights()), tp);
                draftBlocks = Math.ceilDiv(perGpu, bytesPerBlockPerGpu);
                method = draft.id();
            }
            options = options.withSpec(new SpecDecoding(sp.draftTokens(), sp.acceptance(), draftCost, method));
        }
        return new ReplicaOptions(options, draftBlocks);
    }

    private static double hostLinkGbPerS(PoolSpec p, Catalog catalog) {
        Optional<SystemSpec> system = p.system().map(catalog::system).or(() -> catalog.systemIds().stream()
                .map(catalog::system).filter(s -> s.acceleratorId().equals(p.accelerator())).findFirst());
        if (system.isEmpty() || Double.isNaN(system.get().hostLinkGbSPerDirection())) {
            throw new TokenFabException(String.format(Locale.ROOT,
                    "swapping or a CPU KV tier moves KV blocks over the host link, but %s; name a system with a published "
                            + "host link (system: ...) or define one", system.isEmpty()
                            ? "the catalog has no system built of " + p.accelerator()
                            : "system " + system.get().id() + " has no published host-link bandwidth"));
        }
        return system.get().hostLinkGbSPerDirection();
    }
}
