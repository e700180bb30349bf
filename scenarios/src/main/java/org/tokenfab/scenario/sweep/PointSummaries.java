package org.tokenfab.scenario.sweep;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.tokenfab.scenario.run.AtomicFiles;
import org.tokenfab.sim.TokenFabException;

/**
 * A sweep's {@code points.jsonl}: every finished point's summary (the keys of {@code summary.json},
 * after a first key {@code "point"}) on a line of its own.
 *
 * <p>One file, not a file per point: creating a file costs 0.1-0.5 ms of kernel time on ext4 (more
 * as a folder fills), paid on the thread that collects the points while the workers run, and a
 * 1,000-point sweep spent about a fifth of its time on it. Appending a line costs one write.
 *
 * <p>Lines are appended as points finish, so an interruption loses only the points in flight, and
 * {@link #finish()} puts them in point order, so a finished sweep's file is the same byte for byte
 * (apart from {@code wall_seconds}) whatever the thread count or engine. Only where each line lies
 * is kept in memory (12 bytes a point), not its text.
 */
public final class PointSummaries {
    /** The file's name in a sweep's folder. */
    public static final String FILE = "points.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** Where point i's line starts in the file, or -1 when it has none. */
    private final long[] offset;
    /** Point i's line's length in bytes, with its line end. */
    private final int[] length;
    /** Open until {@link #finish()}; not an interruptible channel, so a Ctrl-C cannot close it under a write. */
    private RandomAccessFile out;
    private long end;
    /** The highest point whose line is in the file so far, while the file is in point order. */
    private int last = -1;
    private boolean inOrder = true;

    private PointSummaries(Path file, int points) {
        this.file = file;
        this.offset = new long[points];
        this.length = new int[points];
        Arrays.fill(offset, -1);
    }

    /**
     * Opens {@code dir/points.jsonl} of a grid of {@code points} for appending. A line already there
     * is kept when it is whole (valid JSON with a point of this grid) and {@code keep} accepts its
     * point (the point's row is in {@code sweep.csv}); the file is rewritten with those lines in
     * point order, and the rest (a line cut by a crash, a point whose row was never written) is
     * dropped, so that point runs again.
     */
    public static PointSummaries open(Path dir, int points, IntPredicate keep) {
        PointSummaries s = new PointSummaries(dir.resolve(FILE), points);
        try {
            if (Files.exists(s.file)) {
                s.scan(keep);
                Path ordered;
                try (RandomAccessFile old = new RandomAccessFile(s.file.toFile(), "r")) {
                    ordered = s.writeInOrder(old);
                }
                AtomicFiles.moveInto(ordered, s.file); // after closing: Windows renames no open file
            } else {
                Files.createDirectories(dir);
            }
            s.out = new RandomAccessFile(s.file.toFile(), "rw");
            s.end = s.out.length();
            s.out.seek(s.end);
            return s;
        } catch (IOException e) {
            throw new TokenFabException(s.file + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** Whether point {@code point} has a line (kept from before, or appended since). */
    public boolean has(int point) {
        return offset[point] >= 0;
    }

    /** Appends point {@code point}'s line ({@link PointResult#summaryLine()}, without a line end). */
    public synchronized void append(int point, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new TokenFabException("cannot write " + file + ": " + e.getMessage(), e);
        }
        offset[point] = end;
        length[point] = bytes.length;
        end += bytes.length;
        inOrder &= point > last;
        last = point;
    }

    /** Puts the lines in point order (when points finished out of order) and closes the file; idempotent. */
    public synchronized void finish() {
        if (out == null) {
            return;
        }
        Path ordered = null;
        try (RandomAccessFile f = out) {
            out = null;
            if (!inOrder) {
                ordered = writeInOrder(f);
            }
        } catch (IOException e) {
            throw new TokenFabException("cannot write " + file + ": " + e.getMessage(), e);
        }
        if (ordered != null) {
            AtomicFiles.moveInto(ordered, file);
        }
    }

    /** Records the whole, wanted lines of the existing file (the first line of a point wins). */
    private void scan(IntPredicate keep) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            long start = 0;
            long position = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                position++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                int point = pointOf(line.toByteArray());
                if (point >= 0 && point < offset.length && offset[point] < 0 && keep.test(point)) {
                    offset[point] = start;
                    length[point] = (int) (position - start);
                }
                line.reset();
                start = position;
            }
            // a last line without its line end was cut while being written: dropped
        }
    }

    /** The point of a whole line, or -1 when the line is not a JSON object with an integer point. */
    private static int pointOf(byte[] line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode point = node == null ? null : node.get("point");
            return point != null && point.canConvertToInt() && point.isIntegralNumber() ? point.intValue() : -1;
        } catch (IOException e) { // Jackson's parse errors are IOExceptions
            return -1;
        }
    }

    /**
     * Writes the recorded lines of {@code source} in point order to a temporary file beside this one
     * and returns it, for the caller to move into place once {@code source} is closed.
     */
    private Path writeInOrder(RandomAccessFile source) throws IOException {
        Path tmp = AtomicFiles.temporaryBeside(file);
        long written = 0;
        int lastWritten = -1;
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            byte[] buffer = new byte[8192];
            for (int i = 0; i < offset.length; i++) {
                if (offset[i] < 0) {
                    continue;
                }
                if (buffer.length < length[i]) {
                    buffer = new byte[Math.max(length[i], 2 * buffer.length)];
                }
                source.seek(offset[i]);
                source.readFully(buffer, 0, length[i]);
                o.write(buffer, 0, length[i]);
                offset[i] = written;
                written += length[i];
                lastWritten = i;
            }
        }
        end = written;
        last = lastWritten; // a point appended later is in order only if it comes after every line kept
        inOrder = true;
        return tmp;
    }

    /**
     * Point {@code point}'s line of a sweep ({@code sweep} is the sweep's folder or its
     * {@code points.jsonl}), for {@code tokenfab compare}; a clear error when there is none.
     */
    public static String read(Path sweep, int point) {
        Path f = Files.isDirectory(sweep) ? sweep.resolve(FILE) : sweep;
        String prefix = "{\"point\":" + point + ",";
        int lines = 0;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                lines++;
            }
        } catch (NoSuchFileException e) {
            throw new TokenFabException(f + ": no such file; give a folder written by `tokenfab sweep` (or its " + FILE + ")");
        } catch (IOException e) {
            throw new TokenFabException(f + ": cannot read: " + e.getMessage(), e);
        }
        throw new TokenFabException(f + ": no point " + point + " (it holds " + lines + " finished point"
                + (lines == 1 ? "" : "s") + "; points are numbered from 0 as in sweep.csv)");
    }
}
