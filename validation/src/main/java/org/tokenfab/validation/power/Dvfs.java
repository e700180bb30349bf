package org.tokenfab.validation.power;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.sim.TokenFabException;

/**
 * Clock behaviour under a power cap, from SplitwiseSim's profiling table
 * ({@code serving/splitwise/data/perf_model.csv}: the same static batches on H100 and on
 * "h100-80gb-pcap", the DGX-H100 capped from 10.2 to 7.14 kW, i.e. 70%).
 *
 * <p>What the table says: every prompt (prefill) time is 1.30× the uncapped one and every
 * time-per-token equal, in all 76 configurations, exactly; so it is SplitwiseSim's model of the
 * paper's measurements (Patel et al., ISCA 2024: prefill slows under a cap, decode barely), not raw
 * measurements. Hence low confidence.
 *
 * <p>What TokenFab takes from it: prefill is compute-bound and was drawing TDP, so its clock under
 * the cap is f = 1/1.30 and idle + (TDP − idle) f<sup>α</sup> = 0.70 TDP gives α; decode (memory
 * bound) did not slow, so the memory-time sensitivity β = (decode slowdown − 1)/(prefill slowdown −
 * 1) = 0.
 *
 * @param clockExponent α
 * @param memoryClockSensitivity β
 * @param capFraction capped over uncapped server TDP
 * @param prefillSlowdown median capped/uncapped prompt time
 * @param decodeSlowdown median capped/uncapped time per token
 * @param configurations configurations measured both ways
 * @param idleW H100 idle power used to solve for α, W (catalog)
 * @param tdpW H100 TDP used to solve for α, W (catalog)
 */
record Dvfs(double clockExponent, double memoryClockSensitivity, double capFraction, double prefillSlowdown,
        double decodeSlowdown, int configurations, double idleW, double tdpW) {
    static final String TABLE = "serving/splitwise/data/perf_model.csv";
    static final String SKU_UNCAPPED = "serving/splitwise/configs/hardware_repo/skus/dgx-h100.yaml";
    static final String SKU_CAPPED = "serving/splitwise/configs/hardware_repo/skus/dgx-h100-pcap.yaml";

    static Dvfs fromSplitwise(AcceleratorSpec h100) {
        ReferenceTable t = ReferenceTable.load(TABLE);
        Map<String, List<double[]>> uncapped = new HashMap<>();
        Map<String, List<double[]>> capped = new HashMap<>();
        for (int r = 0; r < t.size(); r++) {
            String hw = t.text(r, "hardware");
            String key = String.join("|", t.text(r, "model"), t.text(r, "tensor_parallel"), t.text(r, "prompt_size"),
                    t.text(r, "batch_size"), t.text(r, "token_size"));
            double[] times = {t.number(r, "prompt_time"), t.number(r, "token_time")};
            if (hw.equals("h100-80gb")) {
                uncapped.computeIfAbsent(key, k -> new ArrayList<>()).add(times);
            } else if (hw.equals("h100-80gb-pcap")) {
                capped.computeIfAbsent(key, k -> new ArrayList<>()).add(times);
            }
        }
        List<Double> prefill = new ArrayList<>();
        List<Double> decode = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : uncapped.entrySet()) {
            List<double[]> c = capped.get(e.getKey());
            if (c != null) {
                prefill.add(median(c, 0) / median(e.getValue(), 0));
                decode.add(median(c, 1) / median(e.getValue(), 1));
            }
        }
        if (prefill.isEmpty()) {
            throw new TokenFabException(t.name() + ": no configuration measured both capped and uncapped");
        }
        double prefillSlowdown = median(prefill);
        double decodeSlowdown = median(decode);
        double capFraction = skuTdp(SKU_CAPPED) / skuTdp(SKU_UNCAPPED);
        double idle = h100.idleW();
        double tdp = h100.tdpW();
        double alpha = Math.log((capFraction * tdp - idle) / (tdp - idle)) / Math.log(1 / prefillSlowdown);
        double beta = Math.max(0, Math.min(1, (decodeSlowdown - 1) / (prefillSlowdown - 1)));
        return new Dvfs(alpha, beta, capFraction, prefillSlowdown, decodeSlowdown, prefill.size(), idle, tdp);
    }

    String exponentSource() {
        return String.format(Locale.ROOT, "SplitwiseSim power-capped H100 table (github.com/Mutinifni/splitwise-sim"
                + " @8f99e7d, MIT; a model of Patel et al., ISCA 2024): prompt time x%.3f at a cap of %.2f x TDP over %d"
                + " configurations; solved idle + (TDP - idle) (1/%.3f)^a = %.2f TDP with h100-sxm idle %.0f W, TDP %.0f W",
                prefillSlowdown, capFraction, configurations, prefillSlowdown, capFraction, idleW, tdpW);
    }

    String sensitivitySource() {
        return String.format(Locale.ROOT, "SplitwiseSim power-capped H100 table: time per token x%.3f where prompt time"
                + " is x%.3f; (%.3f - 1) / (%.3f - 1)", decodeSlowdown, prefillSlowdown, decodeSlowdown, prefillSlowdown);
    }

    private static double skuTdp(String path) {
        String resource = ReferenceTable.DATA_ROOT + path;
        try (InputStream in = Dvfs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new TokenFabException(resource + " is not on the classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("tdp:")) {
                    return Double.parseDouble(line.substring(4).strip());
                }
            }
            throw new TokenFabException(resource + ": no 'tdp:' line");
        } catch (IOException e) {
            throw new TokenFabException(resource + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).toArray();
        return median(v);
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
