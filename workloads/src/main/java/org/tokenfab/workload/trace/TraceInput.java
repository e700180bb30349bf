package org.tokenfab.workload.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.tokenfab.sim.TokenFabException;

/**
 * A re-openable trace source: a file, a classpath resource or bytes in memory. Gzip-compressed
 * content is recognised by its magic bytes (whatever the name) and decompressed while streaming.
 * Text is decoded as strict UTF-8, so binary garbage is reported, not misread.
 *
 * @param name how messages name the source (the file name, or the resource path)
 * @param opener opens a fresh stream each time (replay with a target rate reads the trace twice)
 */
public record TraceInput(String name, StreamOpener opener) {
    /** Opens a fresh byte stream. */
    @FunctionalInterface
    public interface StreamOpener {
        InputStream open() throws IOException;
    }

    public TraceInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    /** A file (plain or gzip). */
    public static TraceInput of(Path file) {
        return new TraceInput(file.toString(), () -> Files.newInputStream(file));
    }

    /** A classpath resource, e.g. {@code org/tokenfab/workload/traces/azure_llm_2023/...}. */
    public static TraceInput ofResource(String resourcePath) {
        String path = resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath;
        return new TraceInput(path, () -> {
            InputStream in = TraceInput.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new NoSuchFileException(path, null, "no such resource on the classpath");
            }
            return in;
        });
    }

    /** Content held in memory (tests, small fixtures). */
    public static TraceInput ofString(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return ofBytes(name, bytes);
    }

    /** Bytes held in memory (plain or gzip). */
    public static TraceInput ofBytes(String name, byte[] bytes) {
        return new TraceInput(name, () -> new ByteArrayInputStream(bytes));
    }

    /**
     * Opens the source as strict-UTF-8 text, decompressing gzip.
     *
     * @throws TokenFabException if it cannot be opened or is a corrupt gzip file
     */
    public BufferedReader openReader() {
        try {
            InputStream raw = new BufferedInputStream(opener.open(), 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new TokenFabException("trace " + name + " not found"
                    + (e.getReason() != null ? " (" + e.getReason() + ")" : ""), e);
        } catch (IOException | UncheckedIOException e) {
            throw new TokenFabException("cannot open trace " + name + ": " + e.getMessage(), e);
        }
    }
}
