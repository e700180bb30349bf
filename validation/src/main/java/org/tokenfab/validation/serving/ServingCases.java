package org.tokenfab.validation.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/** Reads the bundled case files ({@code cases/index.txt} lists them: no classpath scanning). */
public final class ServingCases {
    static final String ROOT = "/org/tokenfab/validation/serving/";
    private static final YAMLMapper YAML = new YAMLMapper();
    static final List<String> KINDS = List.of("trace-replay", "static-batch", "offline-throughput");

    private ServingCases() {
    }

    /** Every bundled case, in the index's order. */
    public static List<ServingCase> bundled() {
        List<ServingCase> cases = new ArrayList<>();
        for (String line : resourceText("cases/index.txt").split("\n")) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                cases.add(parse(file, resourceText("cases/" + file)));
            }
        }
        return cases;
    }

    /**
     * The case files at {@code path}: one YAML file, or every {@code *.yaml} of a folder (not its
     * subfolders), sorted by name; the same format as the bundled ones. A trace-replay case's
     * {@code trace:} is a file relative to the case file's folder.
     *
     * @throws TokenFabException naming the path when it is missing, empty of cases or unreadable,
     *     and the file and key of any case that is not valid
     */
    public static List<ServingCase> fromPath(Path path) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (var list = Files.list(path)) {
                files = list.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
            } catch (IOException e) {
                throw new TokenFabException(path + ": cannot list the folder: " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw new TokenFabException(path + ": no case files (*.yaml) in this folder");
            }
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new TokenFabException(path + ": no such case file or folder; --cases takes a case YAML file or a folder of them");
        }
        List<ServingCase> cases = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TokenFabException(f + ": cannot read: " + e.getMessage());
            }
            ServingCase c = parse(f.toString(), text);
            if (c.trace() != null) {
                Path trace = f.toAbsolutePath().getParent().resolve(c.trace()).normalize();
                if (!Files.isRegularFile(trace)) {
                    throw new TokenFabException(f + ": trace: no file " + trace + " (a trace is found relative to its case file)");
                }
                c = c.withTrace(trace.toString());
            }
            cases.add(c);
        }
        return cases;
    }

    /**
     * The text of a trace-replay case's trace: a file when the case came from {@link #fromPath}
     * (its path is absolute), else a bundled resource.
     */
    static String traceText(ServingCase c) {
        Path p = Path.of(c.trace());
        if (p.isAbsolute()) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TokenFabException(c.file() + ": trace: cannot read " + p + ": " + e.getMessage());
            }
        }
        return resourceText(c.trace());
    }

    /** Text of a bundled resource under the serving folder. */
    static String resourceText(String path) {
        try (InputStream in = ServingCases.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new TokenFabException("serving validation: missing bundled resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one case file; errors name the file and the key. */
    static ServingCase parse(String file, String text) {
        JsonNode n;
        try {
            n = YAML.readTree(text);
        } catch (IOException e) {
            throw new TokenFabException(file + ": not valid YAML: " + e.getMessage());
        }
        String kind = text(file, n, "kind");
        if (!KINDS.contains(kind)) {
            throw new TokenFabException(file + ": kind: '" + kind + "' is not one of " + KINDS);
        }
        Map<String, String> source = new LinkedHashMap<>();
        JsonNode s = n.path("source");
        for (String key : List.of("repository", "commit", "path", "licence")) {
            source.put(key, text(file, s, key, "source." + key));
        }
        List<ServingCase.Point> points = new ArrayList<>();
        if (kind.equals("static-batch")) {
            JsonNode ps = n.path("points");
            if (!ps.isArray() || ps.isEmpty()) {
                throw new TokenFabException(file + ": points: a static-batch case needs a list of measured points");
            }
            for (int i = 0; i < ps.size(); i++) {
                JsonNode p = ps.get(i);
                String at = "points[" + i + "]";
                points.add(new ServingCase.Point(count(file, p, "prompt", at), count(file, p, "batch", at),
                        count(file, p, "output", at), count(file, p, "repetitions", at),
                        positive(file, p.path("measured"), "ttft_ms", at + ".measured"),
                        positive(file, p.path("measured"), "tpot_ms", at + ".measured")));
            }
        }
        List<ServingCase.ThroughputPoint> throughput = new ArrayList<>();
        if (kind.equals("offline-throughput")) {
            JsonNode ps = n.path("points");
            if (!ps.isArray() || ps.isEmpty()) {
                throw new TokenFabException(file + ": points: an offline-throughput case needs a list of measured points");
            }
            for (int i = 0; i < ps.size(); i++) {
                JsonNode p = ps.get(i);
                String at = "points[" + i + "]";
                throughput.add(new ServingCase.ThroughputPoint(text(file, p, "accelerator", at + ".accelerator"),
                        count(file, p, "tp", at), count(file, p, "ep", at), text(file, p, "precision", at + ".precision"),
                        count(file, p, "isl", at), count(file, p, "osl", at), count(file, p, "requests", at),
                        positive(file, p.path("measured"), "output_tok_s_per_gpu", at + ".measured"),
                        optionalPrecision(file, p, "weights", at), optionalPrecision(file, p, "compute", at),
                        optionalPrecision(file, p, "kv_cache", at)));
            }
        }
        String trace = kind.equals("trace-replay") ? text(file, n, "trace") : null;
        return new ServingCase(file, text(file, n, "name"), kind, source, text(file, n, "engine"), text(file, n, "hardware"),
                n.path("used_for_calibration").asBoolean(false), trace, text(file, n, "scenario"), points, throughput,
                n.path("engine_profile").asText("vllm"), n.path("fits_engine_profile").asBoolean(true));
    }

    /** A point's optional format override, checked against the precision names, or null. */
    private static String optionalPrecision(String file, JsonNode p, String key, String at) {
        if (p.path(key).isMissingNode()) {
            return null;
        }
        String v = text(file, p, key, at + "." + key);
        try {
            return Precision.parse(v).yamlName();
        } catch (TokenFabException e) {
            throw new TokenFabException(file + ": " + at + "." + key + ": " + e.getMessage());
        }
    }

    private static String text(String file, JsonNode n, String key) {
        return text(file, n, key, key);
    }

    private static String text(String file, JsonNode n, String key, String path) {
        JsonNode v = n.path(key);
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new TokenFabException(file + ": " + path + ": missing (a case names its " + key + ")");
        }
        return v.asText();
    }

    private static int count(String file, JsonNode n, String key, String at) {
        JsonNode v = n.path(key);
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw new TokenFabException(file + ": " + at + "." + key + ": must be a whole number >= 1, was " + v);
        }
        return v.asInt();
    }

    private static double positive(String file, JsonNode n, String key, String at) {
        JsonNode v = n.path(key);
        if (!v.isNumber() || !(v.asDouble() > 0)) {
            throw new TokenFabException(file + ": " + at + "." + key + ": must be a number > 0, was " + v);
        }
        return v.asDouble();
    }
}
