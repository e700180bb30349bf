package org.tokenfab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.roofline.Roofline;
import org.tokenfab.hardware.roofline.RooflinePoint;
import org.tokenfab.sim.TokenFabException;

/** {@code tokenfab roofline}: the memory wall of one model on one accelerator. */
@Command(name = "roofline", mixinStandardHelpOptions = true,
        description = {"Show the memory wall: the roofline of a model on an accelerator.",
                "Arithmetic intensity and attainable throughput of prefill and decode across batch sizes",
                "and context lengths, the ridge point, and where decode stops being bandwidth-bound.",
                "Ideal roofline: datasheet dense peaks, no efficiency factors. Also writes a CSV.", ""},
        footer = {"", "Examples:",
                "  tokenfab roofline --accelerator b200 --model llama-3.1-70b --precision fp8 --tp 4",
                "  tokenfab roofline --accelerator h100-sxm --model llama-3.1-8b --contexts 512,4096",
                "  tokenfab roofline --accelerator h100-sxm --model llama-3.1-8b --precision fp4 --compute bf16   # W4A16"})
final class RooflineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--accelerator", required = true, paramLabel = "ID", description = "Accelerator catalog id (tokenfab catalog accelerators).")
    String accelerator;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "Model catalog id (tokenfab catalog models).")
    String model;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "bf16",
            description = "Weight precision: fp32, bf16, fp16, fp8, int8, fp4. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--compute", paramLabel = "P",
            description = "Precision the matrix math runs in (sets the peak), at least as wide as the weights: "
                    + "bf16 with --precision fp4 is W4A16. Default: the weight precision.")
    String compute;

    @Option(names = "--kv-precision", paramLabel = "P", description = "KV-cache precision. Default: the weight precision, or bf16 for fp4/int8 weights.")
    String kvPrecision;

    @Option(names = "--tp", paramLabel = "N", defaultValue = "1", description = "Accelerators per replica (tensor parallel). Default: ${DEFAULT-VALUE}.")
    int tp;

    @Option(names = "--batches", split = ",", paramLabel = "B", description = "Decode batch sizes. Default: 1,2,4,...,1024.")
    List<Integer> batches;

    @Option(names = "--contexts", split = ",", paramLabel = "L", description = "Decode context lengths in tokens. Default: 1024,8192,32768.")
    List<Integer> contexts;

    @Option(names = "--prompts", split = ",", paramLabel = "T", description = "Prefill prompt lengths in tokens. Default: 128,512,2048,8192,32768.")
    List<Integer> prompts;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the CSV. Default: out/roofline/.")
    Path out;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.builtIn();
        AcceleratorSpec acc = catalog.accelerator(accelerator);
        ModelSpec m = catalog.model(model);
        Precision w = Precision.parse(precision);
        Precision kv = kvPrecision != null ? Precision.parse(kvPrecision)
                : (w == Precision.FP4 || w == Precision.INT8) ? Precision.BF16 : w;
        if (tp < 1) {
            throw new TokenFabException("--tp " + tp + ": must be at least 1");
        }
        Precision c = compute != null ? Precision.parse(compute) : w;
        if (!w.atLeastAsWide().contains(c)) {
            throw new TokenFabException("--compute " + c + ": narrower than the weights' " + w + "; allowed: "
                    + Precision.names(w.atLeastAsWide()));
        }
        if (!acc.supports(c)) {
            throw new TokenFabException((compute != null ? "--compute " : "--precision ") + c + ": " + acc.id()
                    + " has no dense " + c + " peak in the catalog; supported: " + supported(acc)
                    + (compute != null ? "" : " (or keep the weights in " + w + " and set --compute to one of those)"));
        }
        List<Integer> bs = positive("--batches", batches != null ? batches : List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024));
        List<Integer> ls = positive("--contexts", contexts != null ? contexts : List.of(1024, 8192, 32768));
        List<Integer> ts = positive("--prompts", prompts != null ? prompts : List.of(128, 512, 2048, 8192, 32768));

        Roofline roofline = new Roofline(m, acc, w, kv, tp, c);
        PrintWriter o = spec.commandLine().getOut();
        List<RooflinePoint> points = new ArrayList<>();
        o.println(f("Roofline: %s on %s x%d, weights %s%s, KV cache %s", m.id(), acc.id(), tp, w,
                c == w ? "" : " (math in " + c + ")", kv));
        o.println(f("peak %.1f TFLOP/s dense %s · bandwidth %.2f TB/s · ridge point %.0f FLOP/byte",
                roofline.peakFlops() / 1e12, c, roofline.bandwidth() / 1e12, roofline.ridgeIntensity()));
        o.println(f("weights %.1f GB · KV cache %.1f KB per token", m.weightBytes(w) / 1e9,
                m.kvBytesPerToken(kv) / 1e3));
        o.println();
        o.println("decode: one step, every sequence at the same context");
        o.println(f("%8s %7s %11s %8s %10s %12s %12s", "context", "batch", "FLOP/byte", "bound", "step ms", "tok/s", "tok/s/user"));
        for (int l : ls) {
            for (int b : bs) {
                RooflinePoint p = roofline.decode(b, l);
                points.add(p);
                o.println(f("%8d %7d %11.1f %8s %10.3f %12.0f %12.1f", l, b, p.intensity(), p.memoryBound() ? "memory" : "compute",
                        p.stepSeconds() * 1e3, p.tokensPerSecond(), p.tokensPerSecondPerUser()));
            }
        }
        o.println();
        int maxBatch = 1 << 16;
        for (int l : ls) {
            OptionalInt crossover = roofline.decodeCrossoverBatch(l, maxBatch);
            o.println(crossover.isPresent()
                    ? f("at %,d tokens of context, decode becomes compute-bound at batch %,d", l, crossover.getAsInt())
                    : f("at %,d tokens of context, decode stays bandwidth-bound at every batch up to %,d: each sequence's"
                            + " KV reads grow as fast as its FLOPs", l, maxBatch));
        }
        o.println();
        o.println("prefill: one prompt");
        o.println(f("%8s %11s %8s %10s %12s", "tokens", "FLOP/byte", "bound", "time ms", "tok/s"));
        for (int t : ts) {
            RooflinePoint p = roofline.prefill(t);
            points.add(p);
            o.println(f("%8d %11.1f %8s %10.3f %12.0f", t, p.intensity(), p.memoryBound() ? "memory" : "compute",
                    p.stepSeconds() * 1e3, p.tokensPerSecond()));
        }
        Path dir = out != null ? out : Path.of("out", "roofline");
        Path csv = dir.resolve(acc.id() + "-" + m.id() + "-" + w + (c == w ? "" : "-" + c) + "-tp" + tp + ".csv");
        writeCsv(csv, points);
        o.println();
        o.println("csv: " + csv);
        return 0;
    }

    private static List<Integer> positive(String option, List<Integer> values) {
        for (int v : values) {
            if (v < 1) {
                throw new TokenFabException(option + ": " + v + " is not allowed; values must be positive integers");
            }
        }
        return values;
    }

    private static String supported(AcceleratorSpec acc) {
        List<String> names = new ArrayList<>();
        for (Precision p : Precision.values()) {
            if (acc.supports(p)) {
                names.add(p.yamlName());
            }
        }
        return String.join(", ", names);
    }

    private static void writeCsv(Path csv, List<RooflinePoint> points) {
        StringBuilder b = new StringBuilder("phase,batch,context,flops,bytes,intensity,step_seconds,tokens_per_s,tokens_per_s_per_user,bound\n");
        for (RooflinePoint p : points) {
            b.append(String.format(Locale.ROOT, "%s,%d,%d,%.6e,%.6e,%.6g,%.6e,%.6g,%.6g,%s%n", p.phase(), p.batch(), p.context(),
                    p.flops(), p.bytes(), p.intensity(), p.stepSeconds(), p.tokensPerSecond(), p.tokensPerSecondPerUser(),
                    p.memoryBound() ? "memory" : "compute"));
        }
        try {
            Files.createDirectories(csv.getParent());
            Files.writeString(csv, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenFabException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
