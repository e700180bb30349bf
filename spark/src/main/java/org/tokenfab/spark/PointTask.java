package org.tokenfab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.TaskContext;

import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import org.tokenfab.scenario.sweep.PointResult;
import org.tokenfab.scenario.sweep.SweepJob;

/**
 * One Spark task: runs the points of its partition (one point per partition) with
 * {@link SweepJob#run}, the code of a local point. Serialised to executors with the job's text
 * only; a pure function of (job, index), so a retried task recomputes the same result.
 */
final class PointTask extends AbstractFunction1<Iterator<Integer>, PointResult[]> implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Test hook (a Spark local property, set on the driver): the first attempt of the task for this
     * point index throws, as a lost executor would, so tests can watch Spark retry it.
     */
    static final String FAIL_FIRST_ATTEMPT = "tokenfab.test.failFirstAttemptOfPoint";

    private final SweepJob job;

    PointTask(SweepJob job) {
        this.job = job;
    }

    @Override
    public PointResult[] apply(Iterator<Integer> indices) {
        List<PointResult> out = new ArrayList<>();
        while (indices.hasNext()) {
            int index = indices.next();
            failFirstAttemptIfAsked(index);
            out.add(job.run(index, Workers.library()));
        }
        return out.toArray(PointResult[]::new);
    }

    private static void failFirstAttemptIfAsked(int index) {
        TaskContext task = TaskContext.get();
        if (task != null && task.attemptNumber() == 0 && String.valueOf(index).equals(task.getLocalProperty(FAIL_FIRST_ATTEMPT))) {
            throw new IllegalStateException("test hook: first attempt of point " + index + " fails");
        }
    }
}
