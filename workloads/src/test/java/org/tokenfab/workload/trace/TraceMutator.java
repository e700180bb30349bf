package org.tokenfab.workload.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Mutates valid trace files the ways they arrive broken: characters edited, rows truncated,
 * deleted, repeated or swapped (so timestamps go back), fields swapped for values of another type
 * or out of range, fields added or dropped, binary garbage spliced in, bytes that are not UTF-8,
 * and gzip streams cut short. Deterministic for a given random stream.
 */
final class TraceMutator {
    private static final String[] VALUES = {"", "-1", "0", "-0", "1e999", "1e-999", "NaN", "Infinity", "abc", "1.2.3", ".", "-",
        "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999999999", "0.0000000001", "1.", ".5",
        "\"\"", "\"x,}\"", "null", "true", "[]", "[1,", "{}", "{\"a\": [1, {\"b\": \"]\"}]}", "[1, -2, 3]", "[1,,2]",
        "2023-13-40 25:61:61", "2024-02-30T00:00:00Z", "2023-11-16 18:17:03.", "2023-11-16 18:17:03+99:99", "0000-01-01 00:00:00",
        "9999-12-31 23:59:59.9999999999", "Gamma", "Weibull", "gamma", "Lognormal", "1e308", "4.9e-324", "\u0000", "é"};
    private static final String SEPARATORS = ",:{}[]\" \t\r\n\u0000";

    private final SplittableRandom random;

    TraceMutator(SplittableRandom random) {
        this.random = random;
    }

    /** One to three text mutations, then sometimes a byte-level one (invalid UTF-8, gzip, truncated gzip). */
    byte[] mutate(String text) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && !text.isEmpty(); i++) {
            text = once(text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(10)) {
            case 0 -> garbleBytes(bytes);
            case 1 -> gzip(bytes);
            case 2 -> {
                byte[] gz = gzip(bytes);
                yield java.util.Arrays.copyOf(gz, random.nextInt(gz.length + 1));
            }
            default -> bytes;
        };
    }

    private String once(String text) {
        return switch (random.nextInt(8)) {
            case 0 -> charEdit(text);
            case 1 -> text.substring(0, random.nextInt(text.length() + 1));
            case 2, 3 -> swapField(text);
            case 4 -> lineEdit(text);
            case 5 -> fieldCount(text);
            case 6 -> garbage(text);
            default -> charEdit(charEdit(text));
        };
    }

    private String charEdit(String text) {
        int at = random.nextInt(text.length() + 1);
        String c = String.valueOf(random.nextBoolean() ? SEPARATORS.charAt(random.nextInt(SEPARATORS.length()))
                : (char) ('0' + random.nextInt(75)));
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + c + text.substring(at);
            case 1 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
            default -> at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text + c;
        };
    }

    /** A field between separators becomes another value. */
    private String swapField(String text) {
        List<String> lines = lines(text);
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        List<Integer> cuts = new ArrayList<>();
        cuts.add(-1);
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == ',' || c == ':') {
                cuts.add(k);
            }
        }
        cuts.add(line.length());
        int f = random.nextInt(cuts.size() - 1);
        int a = cuts.get(f) + 1;
        int b = cuts.get(f + 1);
        if (line.startsWith("{") && b < line.length() && line.charAt(b) == ':') {
            b = line.indexOf(',', b) < 0 ? line.length() - 1 : line.indexOf(',', b); // a JSON value: replace up to the next comma
            a = line.indexOf(':', a) + 1;
            if (a <= 0 || a > b) {
                return charEdit(text);
            }
        }
        lines.set(i, line.substring(0, a) + VALUES[random.nextInt(VALUES.length)] + line.substring(b));
        return String.join("\n", lines);
    }

    private String lineEdit(String text) {
        List<String> lines = lines(text);
        int i = random.nextInt(lines.size());
        int j = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(j, lines.get(i));
            default -> {
                String a = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, a);
            }
        }
        return String.join("\n", lines);
    }

    private String fieldCount(String text) {
        List<String> lines = lines(text);
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        int comma = line.lastIndexOf(',');
        lines.set(i, random.nextBoolean() || comma < 0 ? line + ",7" : line.substring(0, comma));
        return String.join("\n", lines);
    }

    /** A run of random characters (controls and surrogates included), as if a binary blob were pasted in. */
    private String garbage(String text) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(64);
        for (int k = 0; k < n; k++) {
            b.append((char) random.nextInt(0x10000));
        }
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + b + text.substring(at);
    }

    private byte[] garbleBytes(byte[] bytes) {
        byte[] out = bytes.clone();
        int n = 1 + random.nextInt(8);
        for (int k = 0; k < n && out.length > 0; k++) {
            out[random.nextInt(out.length)] = (byte) (0x80 + random.nextInt(0x80));
        }
        return out;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }
}
