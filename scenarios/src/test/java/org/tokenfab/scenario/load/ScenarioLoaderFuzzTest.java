package org.tokenfab.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.sim.TokenFabException;

/**
 * Fuzzes the scenario loader with mutants of every bundled scenario ({@link YamlMutator}): each
 * must load or fail with a {@link TokenFabException} whose message names the source; any other
 * exception is a bug, and the test lists each with the input that caused it.
 *
 * <p>In {@code mvn verify}: {@value #DEFAULT_ITERATIONS} mutants on seed {@value #DEFAULT_SEED}
 * (a few seconds). A longer campaign, on a new seed each time:
 * <pre>
 * ./mvnw -o -pl scenarios test -Dtest=ScenarioLoaderFuzzTest -Dtokenfab.fuzz.iterations=1000000 -Dtokenfab.fuzz.seed=$RANDOM
 * </pre>
 */
class ScenarioLoaderFuzzTest {
    static final int DEFAULT_ITERATIONS = 10_000;
    static final long DEFAULT_SEED = 12;

    private final ScenarioLoader loader = new ScenarioLoader(Catalog.builtIn());

    @Test
    void everyMutantLoadsOrFailsWithATokenFabError() {
        int iterations = Integer.getInteger("tokenfab.fuzz.iterations", DEFAULT_ITERATIONS);
        long seed = Long.getLong("tokenfab.fuzz.seed", DEFAULT_SEED);
        List<String> corpus = ScenarioLibrary.names().stream().map(ScenarioLibrary::text).toList();
        YamlMutator mutator = new YamlMutator(new SplittableRandom(seed), corpus);
        SplittableRandom pick = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<String> crashes = new ArrayList<>();
        int loaded = 0;
        int rejected = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            String mutant = mutator.mutate(corpus.get(pick.nextInt(corpus.size())));
            try {
                loader.parse("fuzz.yaml", mutant, List.of());
                loaded++;
            } catch (TokenFabException e) {
                rejected++;
                if (e.getMessage() == null || !e.getMessage().startsWith("fuzz.yaml")) {
                    crashes.add("message without the file name: " + e.getMessage() + "\n--- input ---\n" + mutant);
                }
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add(stackTrace(e) + "--- input ---\n" + mutant);
            }
            if (crashes.size() >= 5) {
                break;
            }
        }
        System.out.printf("scenario fuzz: seed %d, %d mutants (%d loaded, %d rejected) in %.1f s%n", seed, loaded + rejected + crashes.size(),
                loaded, rejected, (System.nanoTime() - start) / 1e9);
        assertThat(crashes).as("inputs that escaped as something other than a TokenFabException (seed " + seed + ")").isEmpty();
        // A fuzzer that only ever produced rejects would not test the happy path, and vice versa.
        assertThat(loaded).isPositive();
        assertThat(rejected).isPositive();
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 3000 ? s.substring(0, 3000) + "...\n" : s;
    }
}
