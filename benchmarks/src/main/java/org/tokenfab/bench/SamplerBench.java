package org.tokenfab.bench;

import java.util.concurrent.TimeUnit;

import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tokenfab.workload.DiurnalRate;
import org.tokenfab.workload.GammaArrivals;
import org.tokenfab.workload.LognormalLength;
import org.tokenfab.workload.ModulatedArrivals;
import org.tokenfab.workload.PoissonArrivals;

/**
 * One draw of each workload sampler, on the simulator's generator (LXM L64_X128_MIX): a lognormal
 * token length (median 1,000, p99 8,000, truncated at 32,768, as the quickstart's prompts), the next
 * arrival of a gamma process (40/s, CV 2), of a Poisson process (40/s) and of a Poisson process
 * under a diurnal rate (time rescaling).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SamplerBench {
    private LognormalLength lognormal;
    private GammaArrivals gamma;
    private PoissonArrivals poisson;
    private ModulatedArrivals diurnal;
    private long gammaNow;
    private long poissonNow;
    private long diurnalNow;

    @Setup(Level.Trial)
    public void setUp() {
        lognormal = LognormalLength.fromMedianAndP99(1000, 8000, 32768, RandomSource.L64_X128_MIX.create(1L));
        gamma = new GammaArrivals(40, 2, RandomSource.L64_X128_MIX.create(2L));
        poisson = new PoissonArrivals(40, RandomSource.L64_X128_MIX.create(3L));
        diurnal = new ModulatedArrivals(new PoissonArrivals(40, RandomSource.L64_X128_MIX.create(4L)),
                new DiurnalRate(0.6, 14, 1));
    }

    @Benchmark
    public int lognormalLength() {
        return lognormal.sample();
    }

    @Benchmark
    public long gammaArrival() {
        return gammaNow = gamma.nextArrivalAfter(gammaNow);
    }

    @Benchmark
    public long poissonArrival() {
        return poissonNow = poisson.nextArrivalAfter(poissonNow);
    }

    @Benchmark
    public long diurnalPoissonArrival() {
        return diurnalNow = diurnal.nextArrivalAfter(diurnalNow);
    }
}
