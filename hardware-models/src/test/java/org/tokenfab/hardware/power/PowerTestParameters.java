package org.tokenfab.hardware.power;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.hardware.Provenance;

/** Parameter sets for the power tests: a fixed H100-like one and random valid ones. */
final class PowerTestParameters {
    private PowerTestParameters() {
    }

    /** Round numbers close to the H100 calibration, so expectations can be worked out by hand. */
    static PowerParameters h100Like() {
        return of("test-gpu", 75, 325, 745, 125, 700, 1.56, 0.0, 0.2);
    }

    /** A random but valid parameter set: idle + active below TDP, exponent in [1, 3]. */
    static PowerParameters random(SplittableRandom rng) {
        double tdp = 200 + rng.nextDouble() * 1800;
        double idle = tdp * (0.02 + 0.3 * rng.nextDouble());
        double active = (tdp - idle) * 0.9 * rng.nextDouble();
        double compute = rng.nextDouble() * 2 * tdp;
        double memory = rng.nextDouble() * tdp;
        return of("random-gpu", idle, active, compute, memory, tdp, 1 + 2 * rng.nextDouble(), rng.nextDouble() * 0.5,
                0.1 + 0.4 * rng.nextDouble());
    }

    static PowerParameters of(String id, double idle, double active, double compute, double memory, double tdp,
            double alpha, double beta, double minClock) {
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        for (String field : PowerParameters.FIELDS) {
            provenance.put(field, new Provenance("test value", Confidence.LOW_PRELIMINARY));
        }
        return new PowerParameters(id, idle, active, compute, memory, tdp, alpha, beta, minClock, provenance);
    }
}
