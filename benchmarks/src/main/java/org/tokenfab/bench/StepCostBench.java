package org.tokenfab.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.cost.BatchShape;
import org.tokenfab.hardware.cost.StepCostModel;
import org.tokenfab.hardware.cost.StepUsage;

/**
 * One evaluation of the step-cost model, as the replica calls it once per iteration (with a usage
 * holder, for power and MFU/MBU). {@code decode}: 64 sequences at contexts 1,000..2,260 (a busy
 * decode batch); {@code mixed}: the same plus a 2,048-token prefill chunk after 4,096 cached tokens
 * (chunked prefill). The deployment is Llama-3.1-8B on one H100 (case a) or Llama-3.1-70B on 8
 * H100s (case b), bf16.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StepCostBench {
    @Param({"llama-3.1-8b/tp1", "llama-3.1-70b/tp8"})
    String deployment;

    private StepCostModel model;
    private final BatchShape decode = new BatchShape();
    private final BatchShape mixed = new BatchShape();
    private final StepUsage usage = new StepUsage();

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = deployment.split("/tp");
        Catalog catalog = Catalog.builtIn();
        model = new StepCostModel(catalog.model(parts[0]), catalog.accelerator("h100-sxm"), Integer.parseInt(parts[1]),
                Precision.BF16, Precision.BF16);
        for (int i = 0; i < 64; i++) {
            decode.addDecode(1000 + 20 * i);
            mixed.addDecode(1000 + 20 * i);
        }
        mixed.addPrefillChunk(4096, 2048);
    }

    @Benchmark
    public long decode() {
        usage.clear();
        return model.evaluate(decode, usage);
    }

    @Benchmark
    public long mixed() {
        usage.clear();
        return model.evaluate(mixed, usage);
    }
}
