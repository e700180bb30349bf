package org.tokenfab.workload.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.tokenfab.workload.SpecialFunctions;
import org.apache.commons.rng.sampling.distribution.SharedStateContinuousSampler;
import org.tokenfab.sim.TokenFabException;

/**
 * Arrivals that follow ServeGen client windows (alibaba/ServeGen), format name {@code servegen}:
 * a CSV {@code client_id,window_start_s,rate_rps,iat_cv,pattern,shape,scale} with one row per
 * client per 600 s window. In each window a client sends requests at {@code rate_rps} with gaps
 * drawn from {@code Gamma(shape)} or {@code Weibull(c = shape)}, rescaled to mean {@code 1/rate}
 * (as upstream does, the rate sets the level and the shape only the burstiness; for Gamma,
 * CV = 1/√shape; without a shape, Gamma with shape 1/cv²). An empty pattern or a zero rate is an
 * idle window. A client's process restarts at each window start (its first gap is drawn from the
 * window start). The clients' streams are merged in time order.
 *
 * <p>Records carry the arrival (ns from window 0, local midnight), the client id in
 * {@link TraceRecord#sessionId} and {@code client-<id>} in {@link TraceRecord#className}; token
 * lengths are 0: they come from a length distribution. The windows file is small and read whole
 * at construction (one row per client per window); generation allocates nothing per request
 * except a sampler object per client window.
 */
public final class ServeGenGenerator implements TraceReader {
    static final String HEADER = "client_id,window_start_s,rate_rps,iat_cv,pattern,shape,scale";
    /** Window length of the ServeGen data. */
    public static final long WINDOW_NANOS = 600_000_000_000L;

    /** Bounds on what is read whole: a row is ~60 characters, a day of windows tens of thousands of rows. */
    static final int MAX_LINE_CHARS = 4096;
    static final int MAX_ROWS = 2_000_000;
    /** Window starts beyond a scenario's longest duration, and rates whose gaps vanish, are not data. */
    static final double MAX_WINDOW_START_S = 366 * 86_400.0;
    static final double MAX_RATE_RPS = 1e6;
    static final double MIN_SHAPE = 1e-3;
    static final double MAX_SHAPE = 1e3;

    private static final int IDLE = 0;
    private static final int GAMMA = 1;
    private static final int WEIBULL = 2;

    private final String source;
    private final UniformRandomProvider rng;
    private final int[] clientIds;
    private final String[] classNames;
    private final long[][] windowStart;
    private final double[][] rate;
    private final int[][] pattern;
    private final double[][] shape;
    private final int[] window;
    private final long[] nextTime;
    private SharedStateContinuousSampler[] gamma;
    private long emitted;

    private ServeGenGenerator(String source, UniformRandomProvider rng, List<Client> clients) {
        this.source = source;
        this.rng = rng;
        int n = clients.size();
        clientIds = new int[n];
        classNames = new String[n];
        windowStart = new long[n][];
        rate = new double[n][];
        pattern = new int[n][];
        shape = new double[n][];
        window = new int[n];
        nextTime = new long[n];
        gamma = new SharedStateContinuousSampler[n];
        for (int c = 0; c < n; c++) {
            Client cl = clients.get(c);
            cl.rows.sort(Comparator.comparingLong(r -> r.start));
            int m = cl.rows.size();
            clientIds[c] = cl.id;
            classNames[c] = "client-" + cl.id;
            windowStart[c] = new long[m];
            rate[c] = new double[m];
            pattern[c] = new int[m];
            shape[c] = new double[m];
            for (int w = 0; w < m; w++) {
                Row r = cl.rows.get(w);
                windowStart[c][w] = r.start;
                rate[c][w] = r.rate;
                pattern[c][w] = r.pattern;
                shape[c][w] = r.shape;
            }
            window[c] = -1;
            nextTime[c] = advance(c, Long.MIN_VALUE);
        }
    }

    private record Row(long start, double rate, int pattern, double shape, long line) {
    }

    private static final class Client {
        final int id;
        final List<Row> rows = new ArrayList<>();

        Client(int id) {
            this.id = id;
        }
    }

    /**
     * Reads the windows file and prepares the generator.
     *
     * @throws TokenFabException on a wrong header or malformed row (file and line named)
     */
    public static ServeGenGenerator open(TraceInput input, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        TreeMap<Integer, Client> clients = new TreeMap<>();
        int rows = 0;
        try (BoundedLineReader in = new BoundedLineReader(input.openReader(), MAX_LINE_CHARS)) {
            String header = in.readLine();
            long line = 1;
            if (header == null) {
                throw new TokenFabException(input.name() + ": the file is empty; expected a servegen client-windows CSV starting with '" + HEADER + "'");
            }
            if (!header.strip().replace("\uFEFF", "").equalsIgnoreCase(HEADER)) {
                throw new TokenFabException(input.name() + " line 1: the header is '" + LineTraceReader.abbreviate(header)
                        + "'; expected '" + HEADER + "' (upstream raw files have no header: add it)");
            }
            for (String s = in.readLine(); s != null; s = in.readLine()) {
                line++;
                if (in.lastLineTooLong()) {
                    throw rowError(input, line, "longer than " + MAX_LINE_CHARS + " characters; expected a row of " + HEADER);
                }
                if (s.isBlank()) {
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw rowError(input, line, "more than " + MAX_ROWS + " client windows; the generator holds them all in"
                            + " memory (a ServeGen day has tens of thousands): split the file");
                }
                String[] f = s.split(",", -1);
                if (f.length != 7) {
                    throw rowError(input, line, f.length + " fields; expected 7 (" + HEADER + ")");
                }
                int id = (int) number(input, line, f[0], "client_id", true);
                double startSeconds = number(input, line, f[1], "window_start_s", false);
                if (startSeconds > MAX_WINDOW_START_S) {
                    throw rowError(input, line, "window_start_s is " + f[1].strip() + "; expected at most " + (long) MAX_WINDOW_START_S
                            + " (366 days)");
                }
                long start = Math.round(startSeconds * 1e9);
                double r = number(input, line, f[2], "rate_rps", false);
                if (r > MAX_RATE_RPS) {
                    throw rowError(input, line, "rate_rps is " + f[2].strip() + "; expected at most " + (long) MAX_RATE_RPS);
                }
                String p = f[4].strip();
                int pat;
                double sh;
                if (p.isEmpty() || r == 0) {
                    pat = IDLE;
                    sh = 0;
                } else if (p.equalsIgnoreCase("Gamma") || p.equalsIgnoreCase("Weibull")) {
                    pat = p.equalsIgnoreCase("Gamma") ? GAMMA : WEIBULL;
                    sh = f[5].isBlank() ? Double.NaN : number(input, line, f[5], "shape", false);
                    if (Double.isNaN(sh) || sh == 0) {
                        double cv = number(input, line, f[3], "iat_cv", false);
                        if (pat == WEIBULL || !(cv > 0)) {
                            throw rowError(input, line, "no shape; expected a positive shape (or, for Gamma, a positive iat_cv)");
                        }
                        sh = 1 / (cv * cv);
                    }
                    if (!(sh >= MIN_SHAPE && sh <= MAX_SHAPE)) {
                        throw rowError(input, line, "shape " + sh + " (from shape or iat_cv) is out of range; expected " + MIN_SHAPE
                                + " to " + MAX_SHAPE + " (the bundled ServeGen data has 0.01 to 400)");
                    }
                } else {
                    throw rowError(input, line, "pattern is '" + LineTraceReader.abbreviate(p) + "'; expected Gamma, Weibull or empty (idle)");
                }
                clients.computeIfAbsent(id, Client::new).rows.add(new Row(start, r, pat, sh, line));
            }
        } catch (IOException e) {
            throw new TokenFabException(input.name() + ": cannot read (" + e.getMessage() + "); expected a servegen client-windows CSV", e);
        }
        if (clients.isEmpty()) {
            throw new TokenFabException(input.name() + ": no client windows after the header");
        }
        for (Client c : clients.values()) {
            checkWindows(input, c);
        }
        return new ServeGenGenerator(input.name(), rng, new ArrayList<>(clients.values()));
    }

    /**
     * A client's windows must not overlap: the generator restarts a client's process at each window
     * start, so a repeated or overlapping window would send its arrivals back in time.
     */
    private static void checkWindows(TraceInput input, Client c) {
        c.rows.sort(Comparator.comparingLong(Row::start));
        for (int w = 1; w < c.rows.size(); w++) {
            Row a = c.rows.get(w - 1);
            Row b = c.rows.get(w);
            if (b.start() - a.start() < WINDOW_NANOS) {
                throw rowError(input, Math.max(a.line(), b.line()), "client " + c.id + " has windows starting at " + a.start() / 1e9
                        + " s (line " + a.line() + ") and " + b.start() / 1e9 + " s (line " + b.line() + "), less than "
                        + WINDOW_NANOS / 1_000_000_000L + " s apart; expected one row per client per window");
            }
        }
    }

    private static double number(TraceInput in, long line, String s, String what, boolean integer) {
        try {
            double v = integer ? Long.parseLong(s.strip()) : Double.parseDouble(s.strip());
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw rowError(in, line, what + " is '" + LineTraceReader.abbreviate(s) + "'; expected a non-negative "
                    + (integer ? "integer" : "number"));
        }
    }

    private static TokenFabException rowError(TraceInput in, long line, String what) {
        return new TokenFabException(in.name() + " line " + line + ": " + what);
    }

    /** Next arrival of client {@code c} after time {@code t} (MIN_VALUE: at the start), MAX_VALUE when done. */
    private long advance(int c, long t) {
        long[] starts = windowStart[c];
        while (true) {
            int w = window[c];
            if (w < 0 || t >= starts[w] + WINDOW_NANOS) {
                w = ++window[c];
                if (w >= starts.length) {
                    return Long.MAX_VALUE;
                }
                t = starts[w];
                double r = rate[c][w];
                if (pattern[c][w] == GAMMA) {
                    gamma[c] = AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape[c][w], 1.0 / (r * shape[c][w]));
                }
            }
            int pat = pattern[c][w];
            if (pat == IDLE) {
                t = starts[w] + WINDOW_NANOS;
                continue;
            }
            double gapSeconds;
            if (pat == GAMMA) {
                gapSeconds = gamma[c].sample();
            } else {
                double k = shape[c][w];
                double scale = 1.0 / (rate[c][w] * Math.exp(SpecialFunctions.logGamma(1 + 1 / k)));
                gapSeconds = scale * Math.pow(-Math.log(1 - rng.nextDouble()), 1 / k);
            }
            // In double first: an extreme shape can draw a gap that would overflow a long (or NaN).
            double next = t + gapSeconds * 1e9;
            if (!(next < starts[w] + WINDOW_NANOS)) {
                t = starts[w] + WINDOW_NANOS;
                continue;
            }
            t += Math.round(gapSeconds * 1e9);
            if (t < starts[w] + WINDOW_NANOS) {
                return t;
            }
        }
    }

    @Override
    public boolean next(TraceRecord out) {
        int best = -1;
        long bestTime = Long.MAX_VALUE;
        for (int c = 0; c < nextTime.length; c++) {
            if (nextTime[c] < bestTime) {
                bestTime = nextTime[c];
                best = c;
            }
        }
        if (best < 0) {
            return false;
        }
        out.clear();
        out.arrivalNanos = bestTime;
        out.sessionId = clientIds[best];
        out.className = classNames[best];
        nextTime[best] = advance(best, bestTime);
        emitted++;
        return true;
    }

    /** Number of clients in the file. */
    public int clients() {
        return clientIds.length;
    }

    /** Expected number of requests: sum over windows of rate × 600 s. */
    public double expectedRequests() {
        double sum = 0;
        for (double[] rs : rate) {
            for (double r : rs) {
                sum += r * (WINDOW_NANOS / 1e9);
            }
        }
        return sum;
    }

    /** Requests generated so far (the "line" of a generator). */
    @Override
    public long line() {
        return emitted;
    }

    @Override
    public long skipped() {
        return 0;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public void close() {
        // nothing held open: the windows were read at construction
    }
}
