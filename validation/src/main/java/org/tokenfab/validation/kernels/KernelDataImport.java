package org.tokenfab.validation.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies (and where needed slices) the measured kernel data the calibration and the kernel
 * validation read from the shared reference folder into this module's resources, so a clone of
 * TokenFab has everything it needs. Rerunnable: the output depends only on the input files.
 *
 * <pre>
 *   ./mvnw -q -o -pl validation compile
 *   java -cp validation/target/classes org.tokenfab.validation.kernels.KernelDataImport \
 *        ../shared/reference validation/src/main/resources/org/tokenfab/validation/kernels
 * </pre>
 *
 * <p>What it does:
 * <ul>
 *   <li>AIConfigurator ({@code kernels/aiconfigurator/}): every data CSV and
 *       {@code collection_meta.yaml}, the system YAMLs and {@code slice_manifest.csv}, verbatim.
 *   <li>APEX+ ({@code collectives/apex-plus/profile/comm/}): the H100 and H200 NCCL tables,
 *       verbatim.
 *   <li>Vidur ({@code vidur/}): the H100 per-operator tables {@code compute/h100/&#42;/&#42;/mlp.csv}
 *       reduced to the shape columns and the {@code median} time columns (Vidur trains on the
 *       medians; min/max/mean/std are dropped, which brings each file from ~700 KB to ~100 KB);
 *       {@code a100/cpu_overheads.csv} and the H100 DGX {@code all_reduce.csv} and
 *       {@code send_recv.csv} reduced to their median, size and group-size columns; its LICENSE.
 *   <li>Any output over {@value #MAX_BYTES} bytes is split into {@code name.partN.csv} files,
 *       each with the header (none is, at present).
 *   <li>Writes {@code index.txt} (every data file, for the loader: no classpath scanning) and
 *       {@code MANIFEST.csv} (output, source, transform, rows, SHA-256 of source and output).
 * </ul>
 * The README and licence files next to the data are written by hand and not touched.
 */
public final class KernelDataImport {
    /** Largest resource file allowed in the repository, bytes. */
    static final long MAX_BYTES = 1_000_000;

    private final Path from;
    private final Path to;
    private final List<String> index = new ArrayList<>();
    private final List<String> manifest = new ArrayList<>();

    private KernelDataImport(Path from, Path to) {
        this.from = from;
        this.to = to;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KernelDataImport SHARED_REFERENCE_DIR OUTPUT_DIR");
            System.exit(2);
        }
        int files = run(Path.of(args[0]), Path.of(args[1]));
        System.out.println("wrote " + files + " data files to " + args[1]);
    }

    /** Imports everything; returns the number of data files written. */
    static int run(Path from, Path to) throws IOException {
        KernelDataImport imp = new KernelDataImport(from, to);
        imp.aiconfigurator();
        imp.apexPlus();
        imp.vidur();
        imp.manifest.add(0, "output,source,transform,rows,source_sha256,output_sha256");
        Files.writeString(to.resolve("MANIFEST.csv"), String.join("\n", imp.manifest) + "\n", StandardCharsets.UTF_8);
        Files.writeString(to.resolve("index.txt"), "# Data files of the kernel calibration, written by KernelDataImport.\n"
                + String.join("\n", imp.index) + "\n", StandardCharsets.UTF_8);
        return imp.index.size();
    }

    private void aiconfigurator() throws IOException {
        Path root = from.resolve("kernels/aiconfigurator");
        for (Path p : sorted(root)) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (rel.endsWith(".csv") || rel.endsWith(".yaml")) {
                copy(p, "aiconfigurator/" + rel, rel.startsWith("data/") && rel.endsWith(".csv"));
            }
        }
    }

    private void apexPlus() throws IOException {
        Path root = from.resolve("collectives/apex-plus");
        for (String gpu : List.of("H100-SXM-80GB", "H200-SXM-141GB")) {
            for (Path p : sorted(root.resolve("profile/comm/" + gpu))) {
                copy(p, "apex-plus/" + root.relativize(p).toString().replace('\\', '/'), true);
            }
        }
    }

    private void vidur() throws IOException {
        Path root = from.resolve("vidur");
        copy(root.resolve("LICENSE"), "vidur/LICENSE", false);
        for (Path p : sorted(root.resolve("data/profiling/compute/h100"))) {
            if (p.getFileName().toString().equals("mlp.csv")) {
                keepColumns(p, "vidur/" + root.relativize(p).toString().replace('\\', '/'),
                        c -> !c.startsWith("time_stats.") || c.endsWith(".median"), "median and shape columns");
            }
        }
        keepColumns(root.resolve("data/profiling/a100/cpu_overheads.csv"), "vidur/data/profiling/a100/cpu_overheads.csv",
                c -> c.endsWith("_median") || c.equals("model_name") || c.equals("batch_size")
                        || c.equals("tensor_parallel_degree"), "median, model, batch and TP columns");
        for (String op : List.of("all_reduce", "send_recv")) {
            String rel = "data/profiling/network/h100_dgx/" + op + ".csv";
            keepColumns(root.resolve(rel), "vidur/" + rel,
                    c -> c.endsWith(".median") || c.equals("num_workers") || c.equals("size")
                            || c.equals("devices_per_node"), "median, size and group-size columns");
        }
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private void copy(Path source, String out, boolean data) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        write(source, out, bytes, "copy", data);
    }

    private void keepColumns(Path source, String out, java.util.function.Predicate<String> keep, String what)
            throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (!header[i].isEmpty() && keep.test(header[i])) {
                cols.add(i);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            for (int j = 0; j < cols.size(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(f[cols.get(j)]);
            }
            sb.append('\n');
        }
        write(source, out, sb.toString().getBytes(StandardCharsets.UTF_8), "keep " + what, true);
    }

    private void write(Path source, String out, byte[] bytes, String transform, boolean data) throws IOException {
        String sourceRel = from.relativize(source).toString().replace('\\', '/');
        List<byte[]> parts = split(bytes);
        for (int i = 0; i < parts.size(); i++) {
            String name = parts.size() == 1 ? out : out.replaceFirst("\\.csv$", ".part" + (i + 1) + ".csv");
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, parts.get(i));
            long rows = data ? count(parts.get(i)) - 1 : 0;
            manifest.add(String.join(",", name, sourceRel, parts.size() == 1 ? transform : transform + "; split",
                    Long.toString(rows), sha256(bytes), sha256(parts.get(i))));
            if (data) {
                index.add(name);
            }
        }
    }

    /** Splits a CSV over {@link #MAX_BYTES} at line ends, repeating the header. */
    static List<byte[]> split(byte[] bytes) {
        if (bytes.length <= MAX_BYTES) {
            return List.of(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf('\n') + 1;
        String header = text.substring(0, headerEnd);
        List<byte[]> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder(header);
        for (String line : text.substring(headerEnd).split("\n")) {
            if (part.length() + line.length() + 1 > MAX_BYTES - 1000 && part.length() > header.length()) {
                parts.add(part.toString().getBytes(StandardCharsets.UTF_8));
                part = new StringBuilder(header);
            }
            part.append(line).append('\n');
        }
        parts.add(part.toString().getBytes(StandardCharsets.UTF_8));
        return parts;
    }

    private static long count(byte[] bytes) {
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
