package org.tokenfab.serving;

import org.tokenfab.hardware.cost.BatchShape;
import org.tokenfab.hardware.cost.StepUsage;

/**
 * How long one iteration of a replica takes, from aggregate sums over its batch (so the cost of a
 * step does not grow with the batch), and what it used. The hardware module's calibrated
 * {@code StepCostModel#evaluate} is the real one; tests use simple closed forms and may leave the
 * usage empty.
 */
@FunctionalInterface
public interface StepCost {
    /**
     * @param batch what the step processes (aggregate sums; read only)
     * @param usage filled with what the step used per accelerator (reused; overwritten)
     * @return the step's duration in nanoseconds at full clock
     */
    long evaluate(BatchShape batch, StepUsage usage);
}
