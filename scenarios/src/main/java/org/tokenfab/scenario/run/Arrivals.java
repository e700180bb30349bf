package org.tokenfab.scenario.run;

import org.apache.commons.rng.UniformRandomProvider;

import org.tokenfab.scenario.ArrivalSpec;
import org.tokenfab.workload.ArrivalProcess;
import org.tokenfab.workload.DiurnalRate;
import org.tokenfab.workload.GammaArrivals;
import org.tokenfab.workload.MmppArrivals;
import org.tokenfab.workload.ModulatedArrivals;
import org.tokenfab.workload.PiecewiseConstantRate;
import org.tokenfab.workload.PoissonArrivals;
import org.tokenfab.workload.RateSchedule;
import org.tokenfab.workload.WeibullArrivals;

/** The explicit registry from open-loop arrival specs to the workload module's processes. */
final class Arrivals {
    private Arrivals() {
    }

    static ArrivalProcess of(ArrivalSpec.OpenLoop spec, UniformRandomProvider rng) {
        ArrivalProcess base = switch (spec.process()) {
            case ArrivalSpec.Poisson p -> new PoissonArrivals(p.ratePerSecond(), rng);
            case ArrivalSpec.Gamma g -> new GammaArrivals(g.ratePerSecond(), g.cv(), rng);
            case ArrivalSpec.Weibull w -> new WeibullArrivals(w.ratePerSecond(), w.cv(), rng);
            case ArrivalSpec.Mmpp m -> new MmppArrivals(m.onRatePerSecond(), m.offRatePerSecond(), m.meanOnNanos() / 1e9,
                    m.meanOffNanos() / 1e9, rng);
        };
        return spec.schedule().<ArrivalProcess>map(s -> new ModulatedArrivals(base, schedule(s))).orElse(base);
    }

    private static RateSchedule schedule(ArrivalSpec.Schedule spec) {
        return switch (spec) {
            case ArrivalSpec.Diurnal d -> new DiurnalRate(d.amplitude(), d.peakHour(), d.weekendFactor());
            case ArrivalSpec.Piecewise p -> new PiecewiseConstantRate(
                    p.steps().stream().mapToLong(ArrivalSpec.Step::startNanos).toArray(),
                    p.steps().stream().mapToDouble(ArrivalSpec.Step::multiplier).toArray());
        };
    }
}
