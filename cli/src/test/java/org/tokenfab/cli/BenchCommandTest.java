package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import org.tokenfab.sim.TokenFabException;

/** {@code tokenfab bench} at a tiny scale: rows with positive rates, clean errors. No timing assertions. */
class BenchCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    /** Runs the command as {@code tokenfab bench ARGS} would (the same error handling as {@link TokenFab}). */
    private static Result bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(o);
        cl.setErr(e);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof TokenFabException) {
                e.println("tokenfab: error: " + ex.getMessage());
                return TokenFab.EXIT_USER_ERROR;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            e.println("tokenfab: " + ex.getMessage());
            return TokenFab.EXIT_USER_ERROR;
        });
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void caseDRunsFiveRoundsAndReportsTheirMedianBesideTheMachinesCapacity() throws Exception {
        Path json = tmp.resolve("bench.json");
        Result r = bench("--case", "d", "--scale", "0.1", "--threads", "2", "--json", json.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(SweepBench.ROUNDS).isEqualTo(5);
        for (String name : new String[] {"d-1t ", "d-2t ", "d-1t#2 ", "d-2t#2 ", "d-1t#5 ", "d-2t#5 "}) {
            assertThat(r.out().lines().filter(l -> l.startsWith(name))).as(name).hasSize(1);
        }
        assertThat(r.out()).contains("sweep (d): ", "median of 5 rounds", "pure compute loop");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("cases")).hasSize(10);
        assertThat(root.path("cases").get(0).path("requests").asLong()).isEqualTo(100 * 200); // 100 points x 200 requests
        JsonNode rounds = root.path("sweep_speedup_rounds");
        assertThat(rounds).hasSize(5);
        assertThat(rounds.get(0).asDouble()).isPositive();
        for (int i = 1; i < 5; i++) {
            assertThat(rounds.get(i - 1).asDouble()).isLessThanOrEqualTo(rounds.get(i).asDouble());
        }
        assertThat(root.path("sweep_speedup").asDouble()).isEqualTo(rounds.get(2).asDouble()); // the median
        assertThat(root.path("machine_parallel_capacity_rounds")).hasSize(5);
        assertThat(root.path("sweep_warm_ups").asInt()).isBetween(1, SweepBench.MAX_WARM_UPS);
        assertThat(r.out()).containsPattern("after \\d+ untimed sweeps \\(the JIT compiler's time \\d+% of the last one's wall time\\)");
        assertThat(root.path("machine_parallel_capacity").asDouble()).isPositive();
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("tokenfab-bench-sweep"))).isEmpty();
        }
    }

    @Test
    void aMachineWithOneThreadHasACapacityOfOne() {
        assertThat(ParallelCapacity.measure(1)).isEqualTo(1.0);
    }

    @Test
    void caseAAtATinyScalePrintsARowWithPositiveRates() throws Exception {
        Path json = tmp.resolve("bench.json");
        Path csv = tmp.resolve("bench.csv");
        Result r = bench("--case", "a", "--scale", "0.01", "--repeat", "2", "--json", json.toString(), "--csv", csv.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("machine: ", "case", "requests", "events/s", "heap MB");
        String row = r.out().lines().filter(l -> l.startsWith("a ")).findFirst().orElseThrow();
        String[] cells = row.trim().split("\\s+");
        // case, requests, events, setup s, wall s, req/s, events/s, in flight, heap MB, old MB, alloc MB, JIT s
        assertThat(cells).hasSize(12);
        assertThat(number(cells[11])).isGreaterThanOrEqualTo(0); // the compiler's time during the run
        assertThat(number(cells[1])).isEqualTo(100);
        assertThat(number(cells[2])).isGreaterThan(100);
        assertThat(number(cells[5])).isPositive();
        assertThat(number(cells[6])).isPositive();
        assertThat(number(cells[8])).isPositive();

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode a = root.path("cases").get(0);
        assertThat(a.path("case").asText()).isEqualTo("a");
        assertThat(a.path("requests").asLong()).isEqualTo(100);
        assertThat(a.path("requests_per_second").asDouble()).isPositive();
        assertThat(a.path("events_per_second").asDouble()).isPositive();
        assertThat(a.path("peak_heap_bytes").asLong()).isPositive();
        assertThat(a.path("jit_compile_seconds").isNumber()).isTrue();
        assertThat(root.path("cases").get(1).path("case").asText()).isEqualTo("a#2");
        assertThat(r.out().lines().filter(l -> l.startsWith("a#2 "))).hasSize(1);
        assertThat(Files.readAllLines(csv)).hasSize(3).first().asString().startsWith("case,scenario,requests,events")
                .endsWith(",gc_count,jit_compile_seconds");
    }

    @Test
    void anUnknownCaseIsACleanUsageError() {
        Result r = bench("--case", "a,x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("tokenfab: error: --case x: unknown case; known: a, b, c, d").doesNotContain("\tat ");
        assertThat(r.out()).doesNotContain("machine:");
    }

    @Test
    void aNonPositiveScaleIsACleanUsageError() {
        Result r = bench("--scale", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--scale 0.0: give a number > 0");
    }

    @Test
    void helpNamesTheCases() {
        Result r = bench("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: bench", "--case", "--scale", "--heap-check", "--json", "--csv",
                "a  one Llama-3.1-8B replica", "d  a 1,000-point sweep");
    }

    private static double number(String cell) {
        return Double.parseDouble(cell.replace(",", ""));
    }
}
