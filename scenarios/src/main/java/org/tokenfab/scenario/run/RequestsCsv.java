package org.tokenfab.scenario.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.tokenfab.serving.MetricsRecorder;
import org.tokenfab.serving.Request;
import org.tokenfab.serving.RequestListener;

/**
 * {@code requests.csv}: one row per request that left the system, completed or rejected, written as
 * it leaves. Why streaming: a long run has millions of requests, and the recorder must not keep
 * them (requests are pooled objects); each row is formatted into one reused buffer with integer
 * arithmetic, so a row costs no allocation beyond the writer's own buffering.
 *
 * <p>Times are seconds with nanosecond-exact microsecond resolution (6 decimals) and latencies
 * milliseconds with 3 decimals; a rejected request has empty token times and latencies, and a
 * request with one output token an empty TPOT. Close it after the run (it flushes).
 */
public final class RequestsCsv implements RequestListener, AutoCloseable {
    public static final String HEADER =
            "id,class,arrival_s,first_token_s,last_token_s,input_tokens,output_tokens,ttft_ms,tpot_ms,e2e_ms,completed";

    private final Path target;
    /** Rows go here during the run; {@link #close()} renames it to {@link #target}, so the file appears whole. */
    private final Path temporary;
    private final BufferedWriter out;
    private final String[] classNames;
    private final StringBuilder line = new StringBuilder(160);
    private char[] chars = new char[160];
    private long rows;

    /** Opens {@code dir/requests.csv} and listens to {@code metrics}. */
    RequestsCsv(Path dir, List<String> classNames, MetricsRecorder metrics) {
        this.target = dir.resolve("requests.csv");
        this.classNames = classNames.stream().map(Csv::field).toArray(String[]::new);
        this.temporary = AtomicFiles.temporaryBeside(target);
        try {
            this.out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        metrics.listen(this);
    }

    @Override
    public void finished(Request r, long now, boolean completed) {
        StringBuilder sb = line;
        sb.setLength(0);
        long arrival = r.arrivalTime();
        sb.append(r.id()).append(',').append(classNames[r.classIndex()]).append(',');
        Csv.appendScaled(sb, arrival / 1000, 6);
        sb.append(',');
        if (completed) {
            long first = r.firstTokenTime();
            long last = r.lastTokenTime();
            Csv.appendScaled(sb, first / 1000, 6);
            sb.append(',');
            Csv.appendScaled(sb, last / 1000, 6);
            sb.append(',').append(r.inputTokens()).append(',').append(r.outputTokens()).append(',');
            Csv.appendScaled(sb, (first - arrival) / 1000, 3);
            sb.append(',');
            if (r.outputTokens() > 1) {
                // As the metrics: rounded to the nanosecond.
                Csv.appendScaled(sb, Math.round((double) (now - first) / (r.outputTokens() - 1)) / 1000, 3);
            }
            sb.append(',');
            Csv.appendScaled(sb, (now - arrival) / 1000, 3);
            sb.append(",true\n");
        } else {
            sb.append(",,").append(r.inputTokens()).append(',').append(r.generatedTokens()).append(",,,,false\n");
        }
        int n = sb.length();
        if (n > chars.length) {
            chars = new char[2 * n];
        }
        sb.getChars(0, n, chars, 0);
        try {
            out.write(chars, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        rows++;
    }

    /** Rows written. */
    public long rows() {
        return rows;
    }

    public Path path() {
        return target;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        AtomicFiles.moveInto(temporary, target);
    }
}
