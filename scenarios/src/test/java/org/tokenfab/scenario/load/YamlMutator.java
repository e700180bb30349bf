package org.tokenfab.scenario.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates valid scenario YAML the ways people and tools break it: random character edits,
 * truncation, lines deleted, repeated, swapped or re-indented, values swapped for values of
 * another type or out of range, keys misspelt, and lines spliced in from another scenario.
 * Deterministic for a given random stream.
 */
final class YamlMutator {
    /** Characters with a meaning in YAML, and a few that have none in a text file. */
    private static final String SPECIAL = ":-[]{},&*!|>'\"#%@?`\t\n \r\u0000\u00e9\u2028\uFEFF";
    /** Replacement values: wrong types, edge numbers, YAML syntax, units gone wrong. */
    private static final String[] VALUES = {"-1", "0", "1", "-0.0", "1e400", "-1e400", "1e-320", ".nan", ".inf", "-.inf", "~", "null",
        "''", "\"\"", "[]", "{}", "[1, 2]", "{a: 1}", "true", "no", "99999999999999999999999", "2147483648", "9223372036854775807",
        "-9223372036854775808", "0.5", "1.5", "abc", "5/s", "-5/s", "0/s", "1e9/s", "30d", "400d", "0s", "-1s", "1e308s",
        "50ms", "0x1F", "0o17", "1_000", "!!str 5", "!!binary aGVsbG8=", "!foo bar", "*anchor", "&anchor 1", "'", "\"\\q\"",
        "[", "{", "|\n  block", ">-\n  folded", "2024-01-01", "12:30:00", "\"\u0000\"", "é", "h100-sxm", "llama-3.1-8b",
        "lognormal", "poisson", "closed-loop", "fixed", "1000000000", "0.999", "1.0000001"};

    private final SplittableRandom random;
    private final List<String> corpus;

    YamlMutator(SplittableRandom random, List<String> corpus) {
        this.random = random;
        this.corpus = corpus;
    }

    /** One to three mutations of {@code text}. */
    String mutate(String text) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && !text.isEmpty(); i++) {
            text = once(text);
        }
        return text;
    }

    private String once(String text) {
        return switch (random.nextInt(9)) {
            case 0 -> charEdit(text);
            case 1 -> text.substring(0, random.nextInt(text.length() + 1)); // truncation
            case 2, 3 -> swapValue(text);
            case 4 -> lineEdit(text);
            case 5 -> indent(text);
            case 6 -> misspellKey(text);
            case 7 -> splice(text);
            default -> charEdit(charEdit(text));
        };
    }

    private String charEdit(String text) {
        int at = random.nextInt(text.length() + 1);
        String c = String.valueOf(random.nextBoolean() ? SPECIAL.charAt(random.nextInt(SPECIAL.length()))
                : (char) (0x20 + random.nextInt(0x5f)));
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + c + text.substring(at); // insert
            case 1 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text; // delete
            default -> at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text + c; // replace
        };
    }

    /** The value after a random "key: " becomes another kind of value. */
    private String swapValue(String text) {
        List<String> lines = lines(text);
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        int colon = line.indexOf(": ");
        if (colon < 0) {
            return charEdit(text);
        }
        int end = line.indexOf(',', colon);
        if (end < 0 || random.nextBoolean()) {
            end = line.length();
        }
        lines.set(i, line.substring(0, colon + 2) + VALUES[random.nextInt(VALUES.length)] + line.substring(end));
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

    private String indent(String text) {
        List<String> lines = lines(text);
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        lines.set(i, switch (random.nextInt(3)) {
            case 0 -> " " + line;
            case 1 -> "\t" + line;
            default -> line.stripLeading();
        });
        return String.join("\n", lines);
    }

    private String misspellKey(String text) {
        List<String> lines = lines(text);
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        int colon = line.indexOf(':');
        if (colon < 2) {
            return charEdit(text);
        }
        int at = line.length() - line.stripLeading().length() + random.nextInt(Math.max(1, colon - (line.length() - line.stripLeading().length())));
        lines.set(i, line.substring(0, at) + line.substring(Math.min(at + 1, colon)));
        return String.join("\n", lines);
    }

    /** A line of another scenario, at a random place. */
    private String splice(String text) {
        List<String> donor = lines(corpus.get(random.nextInt(corpus.size())));
        List<String> lines = lines(text);
        lines.add(random.nextInt(lines.size() + 1), donor.get(random.nextInt(donor.size())));
        return String.join("\n", lines);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }
}
