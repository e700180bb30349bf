package org.tokenfab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.spark.FutureAction;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

import org.tokenfab.scenario.plan.PlanJob;
import org.tokenfab.scenario.plan.PlanTasks;
import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.scenario.sweep.PointResult;
import org.tokenfab.scenario.sweep.RemoteTask;
import org.tokenfab.scenario.sweep.SweepJob;
import org.tokenfab.sim.TokenFabException;

/**
 * Runs a sweep's points (and, through {@link SparkPlanTasks}, a plan's probes and searches) as one
 * Spark job with one task per point. Results reach the driver as each
 * task finishes (not all at the end, as {@code collect()} would), so {@code sweep.csv} grows as
 * points finish and an interrupted sweep keeps them; the driver thread writes them, in grid order,
 * exactly as a local sweep does. Fault tolerance is Spark's: a failed task is retried up to
 * {@code spark.task.maxFailures} times (in local mode: master {@code local[N,F]}), which is safe
 * because a point is a pure function of the job and its index.
 */
final class SparkEngine implements PointExecutorProvider.Engine {
    /** How often the driver looks at the job while no result arrives. */
    private static final long POLL_MILLIS = 200;

    private final JavaSparkContext spark;

    SparkEngine(JavaSparkContext spark) {
        this.spark = spark;
    }

    /** The context, for tests (local properties such as {@link PointTask#FAIL_FIRST_ATTEMPT}). */
    JavaSparkContext context() {
        return spark;
    }

    @Override
    public void run(SweepJob job, List<Integer> todo, Sink sink) throws InterruptedException {
        if (todo.isEmpty()) {
            return;
        }
        spark.setJobGroup("tokenfab-sweep", "tokenfab sweep " + job.scenario() + " (" + todo.size() + " points)", true);
        JavaRDD<Integer> points = spark.parallelize(todo, todo.size()); // one point per partition, so one per task
        BlockingQueue<PointResult> results = new LinkedBlockingQueue<>();
        FutureAction<BoxedUnit> action = spark.sc().submitJob(points.rdd(), new PointTask(job),
                CollectionConverters.asScala(partitions(todo.size())).toSeq(), new Collect(results), new Done());
        int received = 0;
        try {
            while (received < todo.size()) {
                PointResult r = results.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (r != null) {
                    sink.accept(r);
                    received++;
                } else if (action.isCompleted() && results.isEmpty()) {
                    failIfFailed(action);
                    break;
                }
            }
        } catch (InterruptedException e) {
            action.cancel(); // Ctrl-C: Spark kills the tasks in flight; results already handed over stay
            throw e;
        }
    }

    private static List<Object> partitions(int n) {
        List<Object> p = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            p.add(i);
        }
        return p;
    }

    private static void failIfFailed(FutureAction<BoxedUnit> action) {
        Try<BoxedUnit> outcome = action.value().get();
        if (outcome.isFailure()) {
            Throwable t = outcome.failed().get();
            throw new TokenFabException("Spark gave up on the sweep: " + firstLine(t)
                    + " (a task failed more often than spark.task.maxFailures allows; see Spark's log above)", t);
        }
    }

    /** The first line of a (long, multi-line) Spark message. */
    static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    @Override
    public PlanTasks planTasks(PlanJob job) {
        return new SparkPlanTasks(spark, job);
    }

    @Override
    public <R extends Serializable> List<R> runAll(String what, List<String> inputs, RemoteTask<R> task)
            throws InterruptedException {
        return collect(spark, "tokenfab-" + what, "tokenfab " + what, inputs, task::run);
    }

    /**
     * One task per input, results in input order (the way a local run orders them); Ctrl-C (an
     * interrupt of the calling thread) cancels the job. Plan probes and searches and the other
     * engines' work ({@link #runAll}) go through here.
     */
    static <R> List<R> collect(JavaSparkContext spark, String group, String what, List<String> inputs, Function<String, R> task)
            throws InterruptedException {
        if (inputs.isEmpty()) {
            return List.of();
        }
        spark.setJobGroup(group, what + ": " + inputs.size() + " tasks", true);
        JavaFutureAction<List<R>> action = spark.parallelize(inputs, inputs.size()).map(task).collectAsync();
        try {
            return new ArrayList<>(action.get());
        } catch (InterruptedException e) {
            action.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new TokenFabException("Spark gave up on " + what + ": " + firstLine(e.getCause())
                    + " (a task failed more often than spark.task.maxFailures allows; see Spark's log above)", e.getCause());
        }
    }

    @Override
    public String describe(int points) {
        return describe(spark);
    }

    /** "Spark local[2] (2 task slots)", for the first line of a sweep or plan. */
    static String describe(JavaSparkContext spark) {
        int slots = spark.defaultParallelism();
        return "Spark " + spark.master() + " (" + slots + " task slot" + (slots == 1 ? "" : "s") + ")";
    }

    @Override
    public void close() {
        spark.stop();
    }

    /** On the driver, as each task's result arrives: queued for the thread in {@link #run}. */
    private static final class Collect extends AbstractFunction2<Object, PointResult[], BoxedUnit> {
        private final BlockingQueue<PointResult> results;

        Collect(BlockingQueue<PointResult> results) {
            this.results = results;
        }

        @Override
        public BoxedUnit apply(Object partition, PointResult[] points) {
            results.addAll(List.of(points));
            return BoxedUnit.UNIT;
        }
    }

    private static final class Done extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
