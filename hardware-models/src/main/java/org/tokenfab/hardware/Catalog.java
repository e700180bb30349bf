package org.tokenfab.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * The accelerators, systems and models TokenFab knows by id. Immutable; lookups of an unknown id fail with
 * a message that lists the known ids and suggests the closest.
 *
 * <p>The built-in catalog is read from YAML resources under {@code org/tokenfab/hardware/catalog/}:
 * {@code index.yaml} lists the entry ids (no classpath scanning, so what ships is explicit and
 * works from any jar), and each id has its own file, {@code accelerators/<id>.yaml},
 * {@code systems/<id>.yaml} or {@code models/<id>.yaml}.
 *
 * <p>Users add their own entries with the same schema: {@link #readAccelerator(Path)} (or
 * {@link #readAccelerator(JsonNode, String)} for an inline profile already parsed from a scenario)
 * reads one, validated like the bundled ones, and {@link #withAccelerator(AcceleratorSpec)}
 * returns a new catalog that also has it; likewise {@link #readSystem(Path)} and
 * {@link #withSystem(SystemSpec)}, and {@link #readModel(Path)} / {@link #readModel(JsonNode, String)}
 * with {@link #withModel(ModelSpec)}. The catalog itself never changes.
 */
public final class Catalog {
    /** Classpath directory of the bundled catalog. */
    static final String BUILT_IN_ROOT = "org/tokenfab/hardware/catalog/";

    private final Map<String, AcceleratorSpec> accelerators;
    private final Map<String, ModelSpec> models;
    private final Map<String, SystemSpec> systems;

    private Catalog(Map<String, AcceleratorSpec> accelerators, Map<String, ModelSpec> models,
            Map<String, SystemSpec> systems) {
        this.accelerators = accelerators;
        this.models = models;
        this.systems = systems;
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
        return of(accelerators, models, List.of());
    }

    /**
     * A catalog of the given entries, in the given order. The first system listed for an
     * accelerator is its {@linkplain #defaultSystemFor default system}.
     *
     * @throws IllegalArgumentException if two entries of a kind share an id
     * @throws TokenFabException if a system names an accelerator the catalog does not have
     */
    public static Catalog of(Collection<AcceleratorSpec> accelerators, Collection<ModelSpec> models,
            Collection<SystemSpec> systems) {
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
        Map<String, SystemSpec> s = new LinkedHashMap<>();
        for (SystemSpec spec : systems) {
            requireAcceleratorOf(spec, a, "system '" + spec.id() + "'");
            if (s.putIfAbsent(spec.id(), spec) != null) {
                throw new IllegalArgumentException("duplicate system id '" + spec.id() + "'");
            }
        }
        return new Catalog(Collections.unmodifiableMap(a), Collections.unmodifiableMap(m),
                Collections.unmodifiableMap(s));
    }

    /**
     * Reads a user's accelerator file (same schema as the bundled {@code accelerators/*.yaml}).
     *
     * @throws TokenFabException naming the file, the field, what was wrong and what is allowed
     */
    public static AcceleratorSpec readAccelerator(Path file) {
        return CatalogLoader.readAccelerator(file);
    }

    /**
     * Reads an accelerator from an already parsed YAML/JSON tree, e.g. an inline profile in a
     * scenario; {@code origin} (a file and path, such as {@code my.yaml: cluster.pools[0].accelerator})
     * starts every error message.
     */
    public static AcceleratorSpec readAccelerator(JsonNode tree, String origin) {
        return CatalogLoader.readAccelerator(tree, origin);
    }

    /**
     * Reads a user's model file (same schema as the bundled {@code models/*.yaml}).
     *
     * @throws TokenFabException naming the file, the field, what was wrong and what is allowed
     */
    public static ModelSpec readModel(Path file) {
        return CatalogLoader.readModel(file);
    }

    /**
     * Reads a model from an already parsed YAML/JSON tree, e.g. an inline architecture in a
     * scenario; {@code origin} (a file and path, such as {@code my.yaml: model}) starts every
     * error message.
     */
    public static ModelSpec readModel(JsonNode tree, String origin) {
        return CatalogLoader.readModel(tree, origin);
    }

    /**
     * This catalog plus {@code spec}, listed after the existing models.
     *
     * @throws TokenFabException if the catalog already has a model with that id (a user entry
     *     never silently replaces a bundled one: give it its own id)
     */
    public Catalog withModel(ModelSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (models.containsKey(spec.id())) {
            throw new TokenFabException("model '" + spec.id() + "' is already in the catalog; give your entry "
                    + "another id (e.g. '" + spec.id() + "-custom')");
        }
        Map<String, ModelSpec> m = new LinkedHashMap<>(models);
        m.put(spec.id(), spec);
        return new Catalog(accelerators, Collections.unmodifiableMap(m), systems);
    }

    /** Reads a user's system file (same schema as the bundled {@code systems/*.yaml}). */
    public static SystemSpec readSystem(Path file) {
        return CatalogLoader.readSystem(file);
    }

    /** Reads a system from an already parsed tree; {@code origin} starts every error message. */
    public static SystemSpec readSystem(JsonNode tree, String origin) {
        return CatalogLoader.readSystem(tree, origin);
    }

    /**
     * This catalog plus {@code spec}, listed after the existing accelerators.
     *
     * @throws TokenFabException if the catalog already has an accelerator with that id (a user
     *     entry never silently replaces a bundled one: give it its own id)
     */
    public Catalog withAccelerator(AcceleratorSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (accelerators.containsKey(spec.id())) {
            throw new TokenFabException("accelerator '" + spec.id() + "' is already in the catalog; give your entry "
                    + "another id (e.g. '" + spec.id() + "-custom')");
        }
        Map<String, AcceleratorSpec> a = new LinkedHashMap<>(accelerators);
        a.put(spec.id(), spec);
        return new Catalog(Collections.unmodifiableMap(a), models, systems);
    }

    /**
     * This catalog plus {@code spec}, listed after the existing systems (so it is never the
     * default system of an accelerator that already has one).
     *
     * @throws TokenFabException if the id is taken or the system's accelerator is not in the catalog
     */
    public Catalog withSystem(SystemSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (systems.containsKey(spec.id())) {
            throw new TokenFabException("system '" + spec.id() + "' is already in the catalog; give your entry "
                    + "another id (e.g. '" + spec.id() + "-custom')");
        }
        requireAcceleratorOf(spec, accelerators, "system '" + spec.id() + "'");
        Map<String, SystemSpec> s = new LinkedHashMap<>(systems);
        s.put(spec.id(), spec);
        return new Catalog(accelerators, models, Collections.unmodifiableMap(s));
    }

    /** Fails unless {@code known} has the system's accelerator; {@code what} starts the message. */
    static void requireAcceleratorOf(SystemSpec spec, Map<String, AcceleratorSpec> known, String what) {
        if (!known.containsKey(spec.acceleratorId())) {
            List<String> ids = List.copyOf(known.keySet());
            throw new TokenFabException(what + ": field '" + SystemSpec.FIELD_ACCELERATOR + "' names accelerator '"
                    + spec.acceleratorId() + "', which is not in the catalog" + DidYouMean.clause(spec.acceleratorId(), ids)
                    + "; known accelerators: " + String.join(", ", ids));
        }
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

    /**
     * The system with this id.
     *
     * @throws TokenFabException naming the id, the known ids and the closest match
     */
    public SystemSpec system(String id) {
        SystemSpec spec = systems.get(Objects.requireNonNull(id, "id"));
        if (spec == null) {
            throw unknown("system", id, systemIds());
        }
        return spec;
    }

    /** System ids in catalog order. */
    public List<String> systemIds() {
        return List.copyOf(systems.keySet());
    }

    /**
     * The usual system of an accelerator: the first system in catalog order built from it (e.g.
     * {@code hgx-h100} for {@code h100-sxm}, {@code gb200-nvl72} for {@code gb200}); empty if the
     * catalog has none (e.g. a user's accelerator, or a part announced without a system).
     *
     * @throws TokenFabException if the accelerator id itself is unknown
     */
    public Optional<SystemSpec> defaultSystemFor(String acceleratorId) {
        accelerator(acceleratorId);
        return systems.values().stream().filter(s -> s.acceleratorId().equals(acceleratorId)).findFirst();
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
