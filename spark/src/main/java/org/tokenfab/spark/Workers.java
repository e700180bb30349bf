package org.tokenfab.spark;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;

/**
 * What every task on an executor shares: the scenario library over the built-in catalog. Immutable
 * and built once per executor JVM (lazily, on its first task), so a task pays only for its own
 * point. Catalogs and bundled scenarios travel inside the application jar.
 */
final class Workers {
    private Workers() {
    }

    private static final class Holder {
        static final ScenarioLibrary LIBRARY = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));
    }

    static ScenarioLibrary library() {
        return Holder.LIBRARY;
    }
}
