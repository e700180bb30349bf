package org.tokenfab.sim;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name a user most likely meant. Candidates that contain what was typed win
 * (so {@code h100} suggests {@code h100-sxm}, not {@code h200} one edit away); otherwise the
 * closest name by Levenshtein distance, if it is close enough to be a typo. Used by every message
 * that rejects a name (catalog ids, YAML keys, scenario names), so suggestions behave alike.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    public static Optional<String> suggest(String typed, Collection<String> known) {
        if (typed == null || typed.isBlank() || known.isEmpty()) {
            return Optional.empty();
        }
        String t = normalise(typed);
        String best = null;
        // 1. The same name up to case and separators.
        for (String k : known) {
            if (normalise(k).equals(t)) {
                return Optional.of(k);
            }
        }
        // 2. A name containing what was typed (or contained in it): shortest first, then alphabetical.
        for (String k : known) {
            String n = normalise(k);
            if (t.length() >= 2 && (n.contains(t) || t.contains(n))) {
                if (best == null || k.length() < best.length() || (k.length() == best.length() && k.compareTo(best) < 0)) {
                    best = k;
                }
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        // 3. The closest by edit distance, if within a typo's reach.
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = levenshtein(t, normalise(k));
            if (d < bestDistance || (d == bestDistance && k.compareTo(best) < 0)) {
                bestDistance = d;
                best = k;
            }
        }
        int threshold = Math.max(2, t.length() / 3);
        return bestDistance <= threshold ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or the empty string, for appending to a message. */
    public static String clause(String typed, Collection<String> known) {
        return suggest(typed, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    private static String normalise(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
