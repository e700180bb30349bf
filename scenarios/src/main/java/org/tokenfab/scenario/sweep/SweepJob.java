package org.tokenfab.scenario.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.sim.TokenFabException;

/**
 * A sweep as text, enough for any machine to rebuild and run point {@code i}: the scenario as the
 * user named it (a bundled name or a file path), the fixed overrides and the grid's axes. Engine
 * objects are never shipped (they are neither serialisable nor small); a remote worker re-reads the
 * scenario through the same loader with the same overrides, so it runs exactly what a local run
 * would, on the same seed.
 *
 * @param scenario a bundled scenario name or a scenario file path (which every worker must see)
 * @param sets     overrides applied at every point, {@code --seed} included, before the point's own
 * @param paths    the swept paths, in axis order
 * @param values   each axis's values, in axis order
 */
public record SweepJob(String scenario, List<String> sets, List<String> paths, List<List<String>> values) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepJob {
        sets = List.copyOf(sets);
        paths = List.copyOf(paths);
        values = values.stream().map(List::copyOf).toList();
    }

    /** The job of the sweep {@code identity} describes. */
    public static SweepJob of(SweepRunner.Identity identity) {
        return new SweepJob(identity.scenario(), identity.sets(), identity.grid().paths(),
                identity.grid().axes().stream().map(Scenario.SweepAxis::values).toList());
    }

    public SweepGrid grid() {
        List<Scenario.SweepAxis> axes = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            axes.add(new Scenario.SweepAxis(paths.get(i), values.get(i)));
        }
        return new SweepGrid(axes);
    }

    /** Every override of point {@code index}: the fixed ones, then the point's. */
    public List<String> sets(int index) {
        SweepGrid grid = grid();
        List<String> all = new ArrayList<>(sets);
        all.addAll(grid.sets(grid.point(index)));
        return all;
    }

    /**
     * Loads and runs point {@code index}: the code every engine runs for a point. A configuration
     * error comes back as a failed {@link PointResult}, not an exception, since retrying cannot fix it.
     */
    public PointResult run(int index, ScenarioLibrary library) {
        try {
            return PointResult.of(index, new ScenarioRun(library.resolve(scenario, sets(index))).run(Progress.NONE));
        } catch (TokenFabException e) {
            return PointResult.failed(index, e.getMessage());
        }
    }
}
