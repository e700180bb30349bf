package org.tokenfab.ui.editor;

import java.util.List;

import javafx.scene.control.Tooltip;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.serving.BatchingMode;

/**
 * The form's fields and the few edits that change more than one key: switching a length
 * distribution or an arrival process rewrites its whole mapping (a lognormal's median and p99 mean
 * nothing to a fixed length, and the loader rejects keys that do not apply).
 */
final class EditorFields {
    static final List<String> PROCESSES = List.of("poisson", "gamma", "weibull", "mmpp", "closed-loop");
    static final List<String> DISTRIBUTIONS = List.of("fixed", "lognormal", "uniform", "empirical", "zipf");

    private EditorFields() {
    }

    static void addTo(List<FormField> fields, Catalog catalog) {
        fields.add(FormField.text("requests", "Requests", "requests"));
        fields.add(FormField.choice("accelerator", "Accelerator", "{pool}.accelerator", catalog.acceleratorIds(), true));
        fields.add(FormField.choice("model", "Model", "{model}", catalog.modelIds(), true));
        fields.add(FormField.text("replicas", "Replicas", "{pool}.replicas"));
        fields.add(FormField.text("tp", "Tensor parallel (tp)", "{pool}.parallelism.tp"));
        fields.add(FormField.text("pp", "Pipeline stages (pp)", "{pool}.parallelism.pp"));
        fields.add(FormField.choice("policy", "Batching policy", "{pool}.batching.policy", BatchingMode.names(), false));
        fields.add(FormField.text("max_batch_tokens", "Max batch tokens", "{pool}.batching.max_batch_tokens"));
        fields.add(FormField.text("max_seqs", "Max sequences", "{pool}.batching.max_seqs"));
        fields.add(FormField.choice("process", "Arrival process", "{load}.arrivals.process", PROCESSES, false));
        fields.add(FormField.text("rate", "Arrival rate (e.g. 10/s)", "{load}.arrivals.rate"));
        for (String io : List.of("input", "output")) {
            String base = "{load}." + io + "_tokens";
            String name = io.equals("input") ? "Input" : "Output";
            fields.add(FormField.choice(io + "_dist", name + " tokens: distribution", base + ".dist", DISTRIBUTIONS, false));
            fields.add(FormField.text(io + "_tokens", name + " tokens: fixed", base + ".tokens"));
            fields.add(FormField.text(io + "_median", name + " tokens: median", base + ".median"));
            fields.add(FormField.text(io + "_p99", name + " tokens: p99", base + ".p99"));
        }
        fields.add(FormField.text("slo_ttft", "SLO: TTFT (e.g. 500ms)", "{load}.slo.ttft"));
        fields.add(FormField.text("slo_tpot", "SLO: TPOT (e.g. 50ms)", "{load}.slo.tpot"));
        fields.add(FormField.text("cost", "Cost ($/accelerator-hour)", "{pool}.cost.usd_per_accelerator_hour"));
    }

    /** Enables only the fields that apply to the tree as it stands, and says why the others do not. */
    static void enable(List<FormField> fields, ObjectNode tree, FormField.Paths paths) {
        boolean classes = paths.load().contains("classes");
        boolean closed = "closed-loop".equals(YamlTree.text(tree, paths.load() + ".arrivals.process"));
        for (FormField f : fields) {
            String why = null;
            if (f.id.startsWith("slo_") && !classes) {
                why = "SLOs belong to workload classes (workload.classes[].slo); add a class in the YAML to set them.";
            } else if (f.id.equals("rate") && closed) {
                why = "Closed-loop traffic has users, not a rate (edit arrivals.users in the YAML).";
            } else if ((f.id.startsWith("input_") || f.id.startsWith("output_")) && !f.id.endsWith("_dist")) {
                String dist = YamlTree.text(tree, paths.load() + "." + f.id.substring(0, f.id.indexOf('_')) + "_tokens.dist");
                boolean fixed = dist.equals("fixed");
                boolean lognormal = dist.equals("lognormal");
                if (f.id.endsWith("_tokens") && !fixed || !f.id.endsWith("_tokens") && !lognormal) {
                    why = "Applies to the " + (f.id.endsWith("_tokens") ? "fixed" : "lognormal") + " distribution.";
                }
            }
            f.control.setDisable(why != null);
            f.control.setTooltip(why == null ? null : new Tooltip(why));
        }
    }

    /** Writes one field's value, rewriting a whole mapping where the field changes what applies. */
    static void apply(ObjectNode tree, FormField f, String path, String value) {
        if (f.id.endsWith("_dist")) {
            String base = path.substring(0, path.length() - ".dist".length());
            double typical = typical(tree, base);
            for (String k : List.of("tokens", "median", "p99", "mu", "sigma", "min", "max", "table", "s")) {
                YamlTree.remove(tree, base + "." + k);
            }
            YamlTree.set(tree, path, value);
            switch (value) {
                case "fixed" -> YamlTree.set(tree, base + ".tokens", Long.toString(Math.round(typical)));
                case "lognormal" -> {
                    YamlTree.set(tree, base + ".median", Long.toString(Math.round(typical)));
                    YamlTree.set(tree, base + ".p99", Long.toString(Math.round(typical * 8)));
                }
                case "uniform" -> {
                    YamlTree.set(tree, base + ".min", Long.toString(Math.max(1, Math.round(typical / 2))));
                    YamlTree.set(tree, base + ".max", Long.toString(Math.round(typical * 1.5)));
                }
                default -> { } // empirical and zipf need a table or shape the loader will ask for
            }
        } else if (f.id.equals("process")) {
            String base = path.substring(0, path.length() - ".process".length());
            boolean wasClosed = "closed-loop".equals(YamlTree.text(tree, path));
            YamlTree.set(tree, path, value);
            if (value.equals("closed-loop")) {
                YamlTree.remove(tree, base + ".rate");
                YamlTree.remove(tree, base + ".cv");
                YamlTree.set(tree, base + ".users", "16");
            } else {
                if (wasClosed) {
                    YamlTree.remove(tree, base + ".users");
                    YamlTree.remove(tree, base + ".think_time");
                    YamlTree.set(tree, base + ".rate", "10/s");
                }
                if (value.equals("gamma") || value.equals("weibull")) {
                    if (YamlTree.get(tree, base + ".cv") == null) {
                        YamlTree.set(tree, base + ".cv", "2");
                    }
                } else {
                    YamlTree.remove(tree, base + ".cv");
                }
            }
        } else {
            YamlTree.set(tree, path, value);
        }
    }

    /** A length to carry over when the distribution changes: the old median, tokens or middle. */
    private static double typical(ObjectNode tree, String base) {
        for (String k : List.of("median", "tokens", "max")) {
            try {
                double v = Double.parseDouble(YamlTree.text(tree, base + "." + k));
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // not set or not a number: try the next
            }
        }
        return 500;
    }
}
