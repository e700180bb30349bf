package org.tokenfab.hardware;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * The accelerators and models TokenFab knows by id. Immutable; lookups of an unknown id fail with
 * a message that lists the known ids and suggests the closest.
 *
 * <p>The built-in catalog is read from YAML resources under {@code org/tokenfab/hardware/catalog/}:
 * {@code index.yaml} lists the entry ids (no classpath scanning, so what ships is explicit and
 * works from any jar), and each id has its own file, {@code accelerators/<id>.yaml} or
 * {@code models/<id>.yaml}.
 */
public final class Catalog {
    /** Classpath directory of the bundled catalog. */
    static final String BUILT_IN_ROOT = "org/tokenfab/hardware/catalog/";

    private final Map<String, AcceleratorSpec> accelerators;
    private final Map<String, ModelSpec> models;

    private Catalog(Map<String, AcceleratorSpec> accelerators, Map<String, ModelSpec> models) {
        this.accelerators = accelerators;
        this.models = models;
    }

    /** The catalog bundled with TokenFab, loaded once per class loader and shared (it is immutable). */
    public static Catalog builtIn() {
        return BuiltIn.CATALOG;
    }

    /**
     * A catalog of the given entries, in the given order (for inline profiles and tests).
     *
     * @throws IllegalArgumentException if two entries of a kind share an id
     */
    public static Catalog of(Collection<AcceleratorSpec> accelerators, Collection<ModelSpec> models) {
        Map<String, AcceleratorSpec> a = new LinkedHashMap<>();
        for (AcceleratorSpec spec : accelerators) {
            if (a.putIfAbsent(spec.id(), spec) != null) {
                throw new IllegalArgumentException("duplicate accelerator id '" + spec.id() + "'");
            }
        }
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        for (ModelSpec spec : models) {
            if (m.putIfAbsent(spec.id(), spec) != null) {
                throw new IllegalArgumentException("duplicate model id '" + spec.id() + "'");
            }
        }
        return new Catalog(Collections.unmodifiableMap(a), Collections.unmodifiableMap(m));
    }

    /**
     * The accelerator with this id.
     *
     * @throws TokenFabException naming the id, the known ids and the closest match
     */
    public AcceleratorSpec accelerator(String id) {
        AcceleratorSpec spec = accelerators.get(Objects.requireNonNull(id, "id"));
        if (spec == null) {
            throw unknown("accelerator", id, acceleratorIds());
        }
        return spec;
    }

    /**
     * The model with this id.
     *
     * @throws TokenFabException naming the id, the known ids and the closest match
     */
    public ModelSpec model(String id) {
        ModelSpec spec = models.get(Objects.requireNonNull(id, "id"));
        if (spec == null) {
            throw unknown("model", id, modelIds());
        }
        return spec;
    }

    /** Accelerator ids in catalog order. */
    public List<String> acceleratorIds() {
        return List.copyOf(accelerators.keySet());
    }

    /** Model ids in catalog order. */
    public List<String> modelIds() {
        return List.copyOf(models.keySet());
    }

    private static TokenFabException unknown(String kind, String id, List<String> known) {
        return new TokenFabException("unknown " + kind + " '" + id + "'" + DidYouMean.clause(id, known) + "; known "
                + kind + "s: " + String.join(", ", known));
    }

    /** Holder idiom: loads the bundled catalog on first use, thread-safely, without mutable statics. */
    private static final class BuiltIn {
        static final Catalog CATALOG = CatalogLoader.load(BUILT_IN_ROOT, Catalog.class.getClassLoader());
    }
}
