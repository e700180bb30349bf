package org.tokenfab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.sim.TokenFabException;
import org.tokenfab.validation.kernels.Calibrate;

/** {@code tokenfab calibrate}: refit the step-cost model's op models and write the calibration. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Refit the step-cost model (kernels) or the power model (power) to bundled measurements.",
                "Fit the step-cost model's op models (GEMM, prefill and decode attention,",
                "fused MoE, collectives, element-wise kernels, host overhead) to the measured",
                "kernels bundled with TokenFab and write the calibration YAML the simulator",
                "reads. Deterministic: the same data and code give the same numbers (only the",
                "date and run time differ). Takes about 30 s.", ""},
        footer = {"", "Examples:",
                "  tokenfab calibrate                   # rewrite the bundled calibration",
                "                                       # (from the root of a source checkout)",
                "  tokenfab calibrate --out /tmp/kernels.yaml",
                "  tokenfab calibrate power             # refit the power model",
                "  tokenfab calibrate engines           # refit the TensorRT-LLM and Splitwise engine profiles (~25 min)",
                "", "Then `tokenfab validate kernels` reports its accuracy."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", defaultValue = "kernels",
            description = "What to fit: kernels (the step-cost op models, default), power (the power model) or engines (the"
                    + " engine profiles of TensorRT-LLM and the Splitwise stack, on the even points of their serving cases).")
    String target;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the calibration. Default: the bundled resource, "
                    + Calibrate.DEFAULT_OUTPUT + ".")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (this.target.equals("power")) {
            try {
                // Prints the fitted parameters per accelerator itself.
                org.tokenfab.validation.power.PowerCalibration.main(out == null ? new String[0] : new String[] {out.toString()});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return 0;
        }
        if (this.target.equals("engines")) {
            Path file = out != null ? out : Path.of(org.tokenfab.validation.serving.EngineFit.DEFAULT_OUTPUT);
            if (out == null && !Files.isDirectory(Path.of("hardware-models"))) {
                throw new TokenFabException("no hardware-models/ folder here: run `tokenfab calibrate engines` from the root of a "
                        + "TokenFab source checkout, or give --out FILE");
            }
            try {
                org.tokenfab.validation.serving.EngineFit.run(file, o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            o.println("wrote " + file + " (rebuild, then `tokenfab validate serving` judges the profiles on the held-out points)");
            return 0;
        }
        if (!this.target.equals("kernels")) {
            throw new TokenFabException("calibrate " + this.target + ": unknown target; allowed: kernels, power, engines");
        }
        Path target = out;
        if (target == null) {
            target = Path.of(Calibrate.DEFAULT_OUTPUT);
            if (!Files.isDirectory(Path.of("hardware-models"))) {
                throw new TokenFabException("no hardware-models/ folder here: run `tokenfab calibrate` from the root of a "
                        + "TokenFab source checkout, or give --out FILE");
            }
        }
        o.println("fitting the op models to the bundled kernel measurements ...");
        o.flush();
        Calibrate.Summary s;
        try {
            s = Calibrate.run(target, TokenFab.Version.version());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : s.lines()) {
            o.println("  " + line);
        }
        o.println(String.format(Locale.ROOT, "wrote %s: %d tables, %,d measured rows, fitted in %.1f s", s.file(), s.tables(),
                s.rows(), s.seconds()));
        return 0;
    }
}
