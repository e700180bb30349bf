package org.tokenfab.validation.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.cost.KernelCalibration;

/**
 * The {@code tokenfab calibrate} entry point: fits every op model to the bundled measurements and
 * writes the calibration resource.
 */
public final class Calibrate {
    /** Where the bundled calibration lives in a source checkout, relative to the repository root. */
    public static final String DEFAULT_OUTPUT =
            "hardware-models/src/main/resources/" + KernelCalibration.BUILT_IN;

    /**
     * What a calibration run wrote.
     *
     * @param file the written YAML
     * @param tables measured tables fitted
     * @param rows measured rows used
     * @param seconds fit time
     * @param lines one summary line per table (in-sample errors)
     */
    public record Summary(Path file, int tables, int rows, double seconds, List<String> lines) {
    }

    private Calibrate() {
    }

    /**
     * Fits and writes the calibration to {@code out}.
     *
     * @param tokenfabVersion recorded in the provenance header
     */
    public static Summary run(Path out, String tokenfabVersion) throws IOException {
        Map<String, String> generated = new LinkedHashMap<>();
        generated.put("command", "tokenfab calibrate");
        generated.put("tokenfab_version", tokenfabVersion);
        generated.put("date", LocalDate.now().toString());
        generated.put("data", "validation/src/main/resources/org/tokenfab/validation/kernels (README.md, MANIFEST.csv)");
        Calibrator.Run run = Calibrator.run(KernelData.load(), Catalog.builtIn(), generated);
        String yaml = CalibrationWriter.write(run.calibration());
        // Read back before writing: what is written must load.
        KernelCalibration.read(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), out.toString());
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, yaml, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int rows = 0;
        for (Calibrator.TableOutcome<?, ?> o : run.tables()) {
            rows += o.table().rows().size();
            lines.add(String.format(Locale.ROOT, "%-18s %-40s %5d rows  median %5.1f%%  p90 %5.1f%%",
                    o.table().family().label(), o.table().key(), o.table().rows().size(), Stats.median(o.ape()),
                    Stats.p90(o.ape())));
        }
        for (Calibrator.TableOutcome<?, ?> ew : run.elementwise()) {
            rows += ew.table().rows().size();
            lines.add(String.format(Locale.ROOT, "%-18s %-40s %5d rows  median %5.1f%%  p90 %5.1f%%", "element-wise",
                    "h100 vidur " + ew.table().variant(), ew.table().rows().size(), Stats.median(ew.ape()), Stats.p90(ew.ape())));
        }
        rows += run.cpuRows();
        lines.add(String.format(Locale.ROOT, "%-18s %-40s %5d rows  median %5.1f%%  p90 %5.1f%%", "host overhead",
                "a100 vidur TP1", run.cpuRows(), run.calibration().cpuOverhead().source().medianApe(),
                run.calibration().cpuOverhead().source().p90Ape()));
        return new Summary(out, run.tables().size() + run.elementwise().size() + 1, rows, run.seconds(), lines);
    }
}
