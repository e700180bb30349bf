package org.tokenfab.scenario.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.tokenfab.scenario.run.Failures;

/**
 * Where the planner's independent simulations run: the probes of every candidate, then each wave's
 * replica searches (one search is sequential: each step depends on the last). The default runs them
 * on this machine's threads ({@link #local}); the optional {@code spark} module runs each probe or
 * search as a Spark task ({@link PlanJob} says how). Results come back in input order, so the plan
 * does not depend on where they ran.
 */
public interface PlanTasks extends AutoCloseable {
    /** One candidate's replica search, from its capacity lower bound. */
    record Search(Candidate candidate, Evaluator.Probe probe, int lower) {
    }

    /** Every candidate's saturation probe, in candidate order. */
    List<Evaluator.Probe> probes(List<Candidate> candidates) throws InterruptedException;

    /** The searches' results, in the order given. */
    List<Plan.CandidateResult> searches(List<Search> searches) throws InterruptedException;

    /** How they run, for the plan's first line, e.g. "4 threads". */
    String describe();

    @Override
    void close();

    /** On {@code request.threads()} threads of this JVM, with {@code evaluator}. */
    static PlanTasks local(PlanRequest request, Evaluator evaluator) {
        int threads = Math.min(request.threads(), request.candidates().size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tokenfab-plan");
            t.setDaemon(true);
            return t;
        });
        return new PlanTasks() {
            @Override
            public List<Evaluator.Probe> probes(List<Candidate> candidates) throws InterruptedException {
                return all(pool, candidates.stream().<Callable<Evaluator.Probe>>map(c -> () -> evaluator.probe(c)).toList());
            }

            @Override
            public List<Plan.CandidateResult> searches(List<Search> searches) throws InterruptedException {
                return all(pool, searches.stream().<Callable<Plan.CandidateResult>>map(s -> () -> Planner.search(
                        request.targetRatePerSecond(), request.maxReplicas(), evaluator, s.candidate(), s.probe(), s.lower())).toList());
            }

            @Override
            public String describe() {
                return threads + " thread" + (threads == 1 ? "" : "s");
            }

            @Override
            public void close() {
                pool.shutdownNow();
            }
        };
    }

    /** Runs the tasks on the pool; results in task order. */
    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (ExecutionException e) {
            throw Failures.rethrowCause(e);
        } finally {
            futures.forEach(f -> f.cancel(true)); // after an interruption or a failure: stop the rest
        }
        return out;
    }
}
