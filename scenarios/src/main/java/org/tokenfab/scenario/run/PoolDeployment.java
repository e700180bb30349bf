package org.tokenfab.scenario.run;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.MemoryModel;
import org.tokenfab.scenario.ParallelismSpec;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.Scenario;

/**
 * A pool's replica shape from its scenario, built the same way wherever it is needed (the run and
 * the fleet's power plan): model, accelerator, parallelism, precisions, the scale-up domain of its
 * system, and for SRAM-only chips the pipeline stages their weights need.
 */
final class PoolDeployment {
    private PoolDeployment() {
    }

    static Deployment of(Scenario scenario, PoolSpec p) {
        Catalog catalog = scenario.catalog();
        AcceleratorSpec accelerator = catalog.accelerator(p.accelerator());
        ParallelismSpec par = p.parallelism();
        Deployment d = new Deployment(catalog.model(p.model().orElse(scenario.model())), accelerator, par.tp(),
                scenario.precision().weights(), scenario.precision().kvCache(), par.pp(), par.ep(), p.system()
                        .map(id -> catalog.system(id).scaleUpDomain()).orElse(accelerator.scaleUpDomainSize()),
                scenario.precision().compute());
        return d.placedInSram(p.kvCache().memoryUtilization());
    }

    /** GB per accelerator kept back for activations and workspace: none on SRAM-only chips, whose plan leaves KV room instead. */
    static double reserveGb(Deployment d) {
        return d.accelerator().sramOnly() ? 0 : MemoryModel.DEFAULT_RESERVE_GB_PER_GPU;
    }
}
