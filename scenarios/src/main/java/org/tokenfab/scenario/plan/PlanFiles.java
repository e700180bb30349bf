package org.tokenfab.scenario.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokenfab.scenario.run.AtomicFiles;

/**
 * {@code plan.csv} (every point, pruned ones with their reason) and {@code plan.json} (the
 * question, the winner, the runners-up and why each other candidate lost). NaN figures are empty
 * CSV cells and JSON nulls. Apart from {@code wall_seconds}, same inputs give identical files.
 */
public final class PlanFiles {
    static final String CSV_HEADER = "accelerator,tp,max_seqs,replicas,accelerators,outcome,ttft_p99_ms,tpot_p99_ms,"
            + "good_share,rejected,usd_per_hour,usd_per_million_output_tokens,output_tokens_per_joule,facility_w,"
            + "output_tokens_per_s,wall_seconds,reason";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanFiles() {
    }

    /** Writes both files into {@code dir}; returns {@code dir}. */
    public static Path write(Plan plan, String scenario, Path dir) {
        AtomicFiles.write(dir.resolve("plan.csv"), csv(plan));
        AtomicFiles.write(dir.resolve("plan.json"), json(plan, scenario));
        return dir;
    }

    /**
     * After Ctrl-C: {@code plan-partial.csv}, the points of the candidates finished, in the columns of
     * {@code plan.csv} (named apart so a partial table is never taken for a whole plan). Returns its path.
     */
    public static Path writePartial(Plan partial, Path dir) {
        return AtomicFiles.write(dir.resolve("plan-partial.csv"), csv(partial));
    }

    static String csv(Plan plan) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (Point p : plan.points()) {
            b.append(String.join(",", List.of(p.candidate().accelerator(), String.valueOf(p.candidate().tp()),
                    p.candidate().maxSeqs().isPresent() ? String.valueOf(p.candidate().maxSeqs().getAsInt()) : "",
                    String.valueOf(p.replicas()), String.valueOf(p.accelerators()), p.outcome().name().toLowerCase(Locale.ROOT),
                    cell(p.ttftP99Ms()), cell(p.tpotP99Ms()), cell(p.goodShare()), String.valueOf(p.rejected()), cell(p.usdPerHour()),
                    cell(p.usdPerMillionOutputTokens()), cell(p.outputTokensPerJoule()), cell(p.facilityW()),
                    cell(p.outputTokensPerSecond()), cell(p.wallSeconds()), quote(p.reason()))));
            b.append('\n');
        }
        return b.toString();
    }

    private static String cell(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.isEmpty() ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String json(Plan plan, String scenario) {
        PlanRequest q = plan.request();
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", 1);
        root.put("scenario", scenario);
        ObjectNode question = root.putObject("question");
        question.put("target_rate_per_s", q.targetRatePerSecond());
        putNumber(question, "slo_ttft_p99_ms", q.slo().ttftP99Ms());
        putNumber(question, "slo_tpot_p99_ms", q.slo().tpotP99Ms());
        putNumber(question, "slo_goodput_share", q.slo().goodputShare());
        question.put("minimise", q.objective().id());
        question.put("max_replicas", q.maxReplicas());
        ArrayNode cands = question.putArray("candidates");
        q.candidates().forEach(c -> cands.add(c.label()));
        List<Point> ranked = plan.ranked();
        if (ranked.isEmpty()) {
            root.putNull("winner");
        } else {
            root.set("winner", point(ranked.get(0), q));
        }
        ArrayNode runners = root.putArray("runners_up");
        for (int i = 1; i < ranked.size(); i++) {
            ObjectNode n = point(ranked.get(i), q);
            double w = q.objective().value(ranked.get(0));
            putNumber(n, "worse_than_winner_percent", 100 * (q.objective().value(ranked.get(i)) / w - 1));
            runners.add(n);
        }
        ArrayNode losers = root.putArray("no_answer");
        for (Plan.CandidateResult r : plan.results()) {
            if (r.minimal().isEmpty()) {
                ObjectNode n = losers.addObject();
                n.put("candidate", r.candidate().label());
                n.put("reason", r.verdict());
            }
        }
        root.put("simulations", plan.simulations());
        root.put("probes", plan.results().size());
        root.put("wall_seconds", plan.wallSeconds());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode point(Point p, PlanRequest q) {
        ObjectNode n = JSON.createObjectNode();
        n.put("candidate", p.candidate().label());
        n.put("accelerator", p.candidate().accelerator());
        n.put("tp", p.candidate().tp());
        if (p.candidate().maxSeqs().isPresent()) {
            n.put("max_seqs", p.candidate().maxSeqs().getAsInt());
        }
        n.put("replicas", p.replicas());
        n.put("accelerators", p.accelerators());
        putNumber(n, "usd_per_hour", p.usdPerHour());
        putNumber(n, "usd_per_million_output_tokens", p.usdPerMillionOutputTokens());
        putNumber(n, "output_tokens_per_joule", p.outputTokensPerJoule());
        putNumber(n, "facility_w", p.facilityW());
        putNumber(n, "ttft_p99_ms", p.ttftP99Ms());
        putNumber(n, "tpot_p99_ms", p.tpotP99Ms());
        putNumber(n, "ttft_margin_percent", margin(p.ttftP99Ms(), q.slo().ttftP99Ms()));
        putNumber(n, "tpot_margin_percent", margin(p.tpotP99Ms(), q.slo().tpotP99Ms()));
        return n;
    }

    /** How far under the threshold, as a share of it (NaN without a threshold). */
    static double margin(double value, double threshold) {
        return 100 * (1 - value / threshold);
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }
}
