package org.tokenfab.validation.power;

/**
 * One ML.ENERGY v3 benchmark run (vLLM 0.11.1, H100, closed loop, steady-state window, GPU energy
 * from NVML) with the per-GPU activity a roofline estimate gives it.
 *
 * @param model Hugging Face model id
 * @param task ML.ENERGY task (request dataset)
 * @param gpus GPUs of the run (= tensor parallelism for the dense runs used)
 * @param maxNumSeqs vLLM's batch cap of the run
 * @param averageBatch measured average running batch
 * @param outputTokensPerSecond measured output throughput, all GPUs
 * @param measuredGpuW measured average power per GPU, W
 * @param measuredJoulesPerToken measured GPU energy per output token, all GPUs, J
 * @param computeUtilisation estimated achieved FLOP/s ÷ dense peak, per GPU
 * @param memoryUtilisation estimated achieved bytes/s ÷ peak bandwidth, per GPU
 */
public record ServingRun(
        String model,
        String task,
        int gpus,
        int maxNumSeqs,
        double averageBatch,
        double outputTokensPerSecond,
        double measuredGpuW,
        double measuredJoulesPerToken,
        double computeUtilisation,
        double memoryUtilisation) {

    /** Energy per output token that {@code gpuWatts} per GPU implies at the measured throughput, J. */
    public double joulesPerToken(double gpuWatts) {
        return gpuWatts * gpus / outputTokensPerSecond;
    }
}
