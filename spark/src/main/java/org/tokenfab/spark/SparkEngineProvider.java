package org.tokenfab.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.sim.TokenFabException;

/**
 * {@code --engine spark}: opens (or joins) a SparkContext. The master is {@code --master} if given,
 * else the one {@code spark-submit} configured, else {@value #DEFAULT_MASTER}: Spark embedded in
 * this process, so it works on one machine with nothing installed.
 */
public final class SparkEngineProvider implements PointExecutorProvider {
    /** Every core of this machine, inside the TokenFab process. */
    public static final String DEFAULT_MASTER = "local[*]";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine open(String master) {
        SparkConf conf = new SparkConf(); // reads the spark.* properties spark-submit sets
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        conf.setIfMissing("spark.app.name", "tokenfab");
        // TokenFab prints its own progress line; Spark's console bar would fight it.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false"); // nobody opens a web UI for an embedded run
        }
        try {
            return new SparkEngine(JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf)));
        } catch (Exception e) { // Scala throws SparkException (checked in Java) without declaring it
            // a bad master URL or an unreachable cluster: the user's to fix, so a message, not a trace
            throw new TokenFabException("Spark did not start with master '" + conf.get("spark.master") + "': "
                    + SparkEngine.firstLine(e) + "; check --master (e.g. local[2], spark://HOST:7077, yarn)", e);
        }
    }
}
