package org.tokenfab.validation.serving;

import java.util.List;
import java.util.Map;

/**
 * One validation case file: a scenario, the measured values it must reproduce, and where they came
 * from. Adding a case is adding a file under {@code cases/} (and, for a trace, its CSV).
 *
 * @param file              the case file's name, for messages
 * @param name              the case's name
 * @param kind              {@code trace-replay} or {@code static-batch}
 * @param source            repository, commit, path and licence of the measurements
 * @param engine            the serving engine (and version) that was measured
 * @param hardware          what it ran on
 * @param usedForCalibration whether the calibration saw this data (then its error is in-sample)
 * @param trace             trace-replay: the CSV with arrivals, lengths and measured latencies
 * @param scenarioText      the scenario YAML (a trace-replay's {@code TRACE} is replaced by the trace's path)
 * @param points            static-batch: the measured points
 * @param throughputPoints  offline-throughput: the measured points
 * @param engineProfile     the engine profile the case runs with ({@code vllm}, or one fitted on the
 *                          even-numbered points of its engine's cases: those are then in-sample)
 * @param fitsEngineProfile whether its even-numbered points fit that profile; false for a case
 *                          held out whole, which tests whether a profile fitted on other models
 *                          carries to this one (all its points are then held out)
 */
public record ServingCase(String file, String name, String kind, Map<String, String> source, String engine, String hardware,
        boolean usedForCalibration, String trace, String scenarioText, List<Point> points,
        List<ThroughputPoint> throughputPoints, String engineProfile, boolean fitsEngineProfile) {
    public ServingCase {
        source = Map.copyOf(source);
        points = List.copyOf(points);
        throughputPoints = List.copyOf(throughputPoints);
    }

    /** The same case with its trace at {@code path}. */
    ServingCase withTrace(String path) {
        return new ServingCase(file, name, kind, source, engine, hardware, usedForCalibration, path, scenarioText, points,
                throughputPoints, engineProfile, fitsEngineProfile);
    }

    /** The catalog id of the case's model: its scenario's top-level {@code model:} line. */
    public String modelId() {
        return scenarioText.lines().filter(l -> l.startsWith("model:")).findFirst()
                .orElseThrow(() -> new IllegalStateException(file + ": scenario has no top-level model: line"))
                .substring("model:".length()).strip();
    }

    /** The override that gives the case's pool its engine profile. */
    public String engineOverride() {
        return "cluster.pools[0].engine=" + engineProfile;
    }

    /**
     * Whether point {@code index} is in the calibration split of a fitted engine profile: even
     * points of non-vLLM cases fit the profile, odd ones judge it (all of a case held out whole).
     */
    public boolean calibrationPoint(int index) {
        return usedForCalibration || (fitsEngineProfile && !engineProfile.equals("vllm") && index % 2 == 0);
    }

    /**
     * Offline maximum throughput: every request present at the start, fixed input and output
     * lengths, on one replica of {@code accelerator} with this parallelism and precision.
     *
     * @param precision the source's precision label (fp8, fp4), the default of the three formats
     * @param requests how many requests the measured run had (its dataset's size)
     * @param outputTokensPerSecondPerGpu the measured figure
     * @param weights how the run stored the weights (default: {@code precision})
     * @param compute the format its matrix multiplications ran in (default: {@code weights})
     * @param kvCache its KV cache's format (default: FP8 for FP4 weights, else {@code weights})
     */
    public record ThroughputPoint(String accelerator, int tp, int ep, String precision, int isl, int osl, int requests,
            double outputTokensPerSecondPerGpu, String weights, String compute, String kvCache) {

        /** A point run in its label's precision. */
        public ThroughputPoint(String accelerator, int tp, int ep, String precision, int isl, int osl, int requests,
                double outputTokensPerSecondPerGpu) {
            this(accelerator, tp, ep, precision, isl, osl, requests, outputTokensPerSecondPerGpu, null, null, null);
        }

        public ThroughputPoint {
            weights = weights != null ? weights : precision;
            compute = compute != null ? compute : weights;
            kvCache = kvCache != null ? kvCache : weights.equals("fp4") ? "fp8" : weights;
        }

        public String label() {
            return accelerator + " " + (ep > tp ? "tp" + tp + " ep" + ep : "tp" + tp) + " " + precision + ", " + isl + "/" + osl;
        }

        /** Accelerators of the replica: expert parallelism beyond tp adds data-parallel attention ranks. */
        public int gpus() {
            return Math.max(tp, ep);
        }

        /** Data-parallel attention ranks of the replica (1 without expert parallelism beyond tp). */
        public int attentionRanks() {
            return gpus() / tp;
        }
    }

    /**
     * A static batch: {@code batch} identical requests of {@code prompt} input tokens, each
     * generating {@code output} tokens, started together; medians of the measured repetitions.
     */
    public record Point(int prompt, int batch, int output, int repetitions, double ttftMs, double tpotMs) {
        public String label() {
            return "prompt " + prompt + ", batch " + batch + ", output " + output;
        }
    }
}
