import java.nio.file.Path;
import java.util.List;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.run.SummaryJson;

/**
 * For .ci/cross-jdk-determinism: runs every bundled scenario (cut as LibraryDeterminismTest cuts
 * them: 300 requests, at most 10 minutes of arrivals) in one JVM and writes summary.json,
 * timeseries.csv and requests.csv of each into OUT/<scenario>/. One JVM for all: a JVM start per
 * scenario would make the check minutes long. Run with the CLI jar on the class path:
 * java -cp cli/target/tokenfab.jar .ci/CrossJdkOutputs.java OUT
 */
public final class CrossJdkOutputs {
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        ScenarioLoader loader = new ScenarioLoader(Catalog.builtIn());
        for (String name : ScenarioLibrary.names()) {
            Scenario s = loader.parse(name, ScenarioLibrary.text(name), List.of("requests=300", "duration=10m"));
            Path dir = out.resolve(name);
            ScenarioRun run = new ScenarioRun(s).requestsCsv(dir);
            RunResult result = run.run();
            SummaryJson.write(result, dir);
            run.timeSeries().write(dir);
        }
    }
}
