package org.tokenfab.scenario.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * The bundled scenarios of {@code scenarios/library/}, packaged as resources. The list of names is
 * {@code index.txt} (no classpath scanning); a test keeps it in step with the folder.
 */
public final class ScenarioLibrary {
    private static final String ROOT = "/org/tokenfab/scenario/library/";
    public static final String DEFAULT = "quickstart";

    private final ScenarioLoader loader;

    public ScenarioLibrary(ScenarioLoader loader) {
        this.loader = loader;
    }

    /** Names of the bundled scenarios, in the order of the index. */
    public static List<String> names() {
        return read("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The YAML text of a bundled scenario. */
    public static String text(String name) {
        if (!names().contains(name)) {
            throw new TokenFabException("no bundled scenario named '" + name + "'" + DidYouMean.clause(name, names())
                    + "; bundled: " + String.join(", ", names()));
        }
        return read(name + ".yaml");
    }

    /**
     * Loads {@code nameOrPath}: an existing file, else a bundled scenario by name (with or without
     * {@code .yaml}). {@code null} means the default scenario.
     */
    public Scenario resolve(String nameOrPath, List<String> overrides) {
        if (nameOrPath == null) {
            nameOrPath = DEFAULT;
        }
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            return loader.load(file, overrides);
        }
        String name = nameOrPath.endsWith(".yaml") ? nameOrPath.substring(0, nameOrPath.length() - 5) : nameOrPath;
        if (names().contains(name)) {
            return loader.parse("library/" + name + ".yaml", read(name + ".yaml"), overrides);
        }
        throw new TokenFabException("'" + nameOrPath + "' is neither a scenario file nor a bundled scenario"
                + DidYouMean.clause(name, names()) + "; bundled: " + String.join(", ", names()));
    }

    private static String read(String resource) {
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream(ROOT + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + ROOT + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
