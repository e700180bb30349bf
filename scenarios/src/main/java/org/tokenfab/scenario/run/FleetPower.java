package org.tokenfab.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.SystemSpec;
import org.tokenfab.hardware.cost.StepCostModel;
import org.tokenfab.hardware.power.PowerModel;
import org.tokenfab.hardware.power.PowerCatalog;
import org.tokenfab.hardware.power.PowerParameters;
import org.tokenfab.scenario.FacilitySpec;
import org.tokenfab.scenario.ParallelismSpec;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.sim.TokenFabException;

/**
 * The configured fleet's power before anything runs: nodes and node overhead per pool, the peak
 * facility power every accelerator at its limit would draw, and the facility's power budget applied
 * to it ({@code fail} with the numbers, or {@code cap}: the same fraction of TDP on every pool).
 *
 * <p>Why before the run: a budget decides how hard accelerators are capped, and the cap is part of
 * every replica's power model, so it must be known when the replicas are built.
 *
 * <p>Model: a pool's accelerators sit in nodes of its system (the pool's {@code system}, else the
 * catalog's first system of its accelerator). Each accelerator carries its share of a node's
 * overhead, {@code node_overhead_w / accelerators_per_node}, as per-GPU TCO models count it: a pool
 * of two single-GPU replicas pays a quarter of an 8-GPU node, not the whole node (the rest of the
 * node serves other work). Whole nodes are reported too: replicas pack into nodes when their size
 * divides the node or the node divides them, else each replica takes
 * {@code ceil(a / accelerators_per_node)} nodes of its own. Node overhead is the catalog's at-load
 * figure for the whole run (an upper-side number: hosts draw less when idle). An accelerator
 * without a catalog system has no node overhead counted (said in {@link #note()}).
 */
final class FleetPower {
    private final List<Pool> pools;
    private final FacilitySpec facility;
    private final double capFraction;
    private final String note;

    /**
     * One pool's share of the fleet.
     *
     * @param system            the system id its nodes are, or null if the catalog has none
     * @param acceleratorsPerNode accelerators one node holds (0 without a system)
     * @param nodes             whole nodes the pool occupies
     * @param nodeOverheadW     overhead of one node besides its accelerators, W (0 without a system)
     * @param accelerators      accelerators of the pool
     * @param tdpW              accelerator TDP as the power model has it, W
     * @param idleW             accelerator idle power, W
     * @param floorW            the lowest cap the power model allows, W (a cap must be above it)
     * @param capW              per-accelerator cap in force (the pool's own or the budget's), NaN for none
     */
    record Pool(String name, String accelerator, String system, int acceleratorsPerNode, int replicas,
            int acceleratorsPerReplica, int nodes, double nodeOverheadW, int accelerators, double tdpW, double idleW,
            double floorW, double capW) {

        /** Accelerator power limit in force, W. */
        double limitW() {
            return Double.isNaN(capW) ? tdpW : Math.min(tdpW, capW);
        }

        /** Node overhead of the whole pool, W: each accelerator's share of its node's. */
        double overheadW() {
            return acceleratorsPerNode == 0 ? 0 : accelerators * nodeOverheadW / acceleratorsPerNode;
        }

        /** IT power with every accelerator at its limit, W. */
        double peakItW() {
            return accelerators * limitW() + overheadW();
        }

        /** IT power with every accelerator idle, W (the lowest the fleet draws). */
        double idleItW() {
            return accelerators * idleW + overheadW();
        }

        Pool withCap(double watts) {
            return new Pool(name, accelerator, system, acceleratorsPerNode, replicas, acceleratorsPerReplica, nodes,
                    nodeOverheadW, accelerators, tdpW, idleW, floorW, watts);
        }
    }

    private FleetPower(List<Pool> pools, FacilitySpec facility, double capFraction, String note) {
        this.pools = List.copyOf(pools);
        this.facility = facility;
        this.capFraction = capFraction;
        this.note = note;
    }

    /**
     * The fleet of {@code scenario} with its budget applied.
     *
     * @throws TokenFabException if the budget is exceeded under {@code fail}, or cannot be met by any
     *     cap under {@code cap}, with the numbers
     */
    static FleetPower plan(Scenario scenario, PowerCatalog power) {
        Catalog catalog = scenario.catalog();
        List<Pool> pools = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < scenario.cluster().pools().size(); i++) {
            PoolSpec p = scenario.cluster().pools().get(i);
            AcceleratorSpec accelerator = catalog.accelerator(p.accelerator());
            Optional<SystemSpec> system = p.system().map(catalog::system).or(() -> catalog.defaultSystemFor(p.accelerator()));
            int perReplica = acceleratorsPerReplica(scenario, i);
            int perNode = system.map(SystemSpec::acceleratorsPerNode).orElse(0);
            boolean packs = perNode > 0 && (perNode % perReplica == 0 || perReplica % perNode == 0);
            int nodes = perNode == 0 ? 0
                    : packs ? (p.replicas() * perReplica + perNode - 1) / perNode
                    : p.replicas() * ((perReplica + perNode - 1) / perNode);
            if (system.isEmpty()) {
                notes.add("pool " + p.name() + ": the catalog has no system of " + p.accelerator()
                        + ", so no node overhead is counted");
            }
            PowerModel model = power.modelFor(accelerator);
            PowerParameters pp = model.parameters();
            double floor = pp.idleW() + pp.activeW() * Math.pow(pp.minClockFraction(), pp.clockExponent());
            pools.add(new Pool(p.name(), p.accelerator(), system.map(SystemSpec::id).orElse(null), perNode, p.replicas(),
                    perReplica, nodes, system.map(SystemSpec::nodeOverheadW).orElse(0.0), p.replicas() * perReplica,
                    model.tdpW(), model.idleW(), floor, p.powerCapW().orElse(Double.NaN)));
        }
        FacilitySpec facility = scenario.facility();
        FleetPower fleet = new FleetPower(pools, facility, Double.NaN, String.join("; ", notes));
        if (!facility.hasBudget() || fleet.peakFacilityW() <= facility.powerBudgetW()) {
            return fleet;
        }
        String where = scenario.source() + ": facility.power_budget_mw: ";
        if (facility.overBudget().equals(FacilitySpec.FAIL)) {
            double fraction = fleet.fittingFraction();
            throw new TokenFabException(where + fleet.overBudget() + " " + fleet.fits()
                    + (fraction > 0 ? f(" Or set over_budget: cap to cap every accelerator at %.0f%% of its TDP.", 100 * fraction)
                            : " Capping cannot fit it either: " + fleet.idleFloor()));
        }
        double fraction = fleet.fittingFraction();
        if (!(fraction > 0)) {
            throw new TokenFabException(where + fleet.overBudget() + " No power cap fits it: " + fleet.idleFloor() + " "
                    + fleet.fits());
        }
        List<Pool> capped = new ArrayList<>();
        for (Pool p : pools) {
            double watts = fraction * p.tdpW();
            capped.add(Double.isNaN(p.capW()) || watts < p.capW() ? p.withCap(watts) : p);
        }
        String capNote = f("the power budget of %.3f MW capped every accelerator at %.1f%% of its TDP (%s)",
                facility.powerBudgetW() / 1e6, 100 * fraction, String.join(", ", capped.stream()
                        .map(p -> f("%s %.0f W", p.name(), p.limitW())).toList()));
        return new FleetPower(capped, facility, fraction, notes.isEmpty() ? capNote : capNote + "; " + String.join("; ", notes));
    }

    /**
     * The largest fraction of TDP that, applied to every accelerator (a pool's own lower cap kept),
     * fits the budget with every pool's cap above its power model's floor; 0 if none does.
     */
    private double fittingFraction() {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (peakAtFraction(mid) <= facility.powerBudgetW()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        for (Pool p : pools) {
            double watts = lo * p.tdpW();
            if ((Double.isNaN(p.capW()) || watts < p.capW()) && watts <= p.floorW()) {
                return 0;
            }
        }
        return lo;
    }

    private double peakAtFraction(double fraction) {
        double it = 0;
        for (Pool p : pools) {
            it += p.accelerators() * Math.min(p.limitW(), fraction * p.tdpW()) + p.overheadW();
        }
        return it * facility.pue();
    }

    private String overBudget() {
        StringBuilder b = new StringBuilder(f("the fleet's peak facility power is %.3f MW (PUE %.2f x IT %.3f MW), over the"
                + " budget of %.3f MW:", peakFacilityW() / 1e6, facility.pue(), peakItW() / 1e6, facility.powerBudgetW() / 1e6));
        for (Pool p : pools) {
            b.append(f(" pool %s %.3f MW (%d x %s at %.0f W + %,.0f W of node overhead, x PUE);", p.name(),
                    p.peakItW() * facility.pue() / 1e6, p.accelerators(), p.accelerator(), p.limitW(), p.overheadW()));
        }
        b.setLength(b.length() - 1);
        return b.append('.').toString();
    }

    /** How many replicas (and accelerators) of each pool fit with the other pools as configured. */
    private String fits() {
        StringBuilder b = new StringBuilder("Within the budget, with the other pools as configured:");
        for (Pool p : pools) {
            double room = facility.powerBudgetW() / facility.pue() - (peakItW() - p.peakItW());
            double perReplica = p.peakItW() / p.replicas();
            long replicas = room <= 0 ? 0 : (long) Math.floor(room / perReplica + 1e-9);
            replicas = Math.min(replicas, p.replicas());
            b.append(f(" pool %s fits %d of its %d replicas (%d of %d accelerators);", p.name(), replicas, p.replicas(),
                    replicas * p.acceleratorsPerReplica(), p.accelerators()));
        }
        b.setLength(b.length() - 1);
        return b.append('.').toString();
    }

    private String idleFloor() {
        double floorIt = 0;
        for (Pool p : pools) {
            floorIt += p.accelerators() * Math.min(p.limitW(), p.floorW()) + p.overheadW();
        }
        return f("even at the lowest cap the power models allow (%s) the fleet needs %.3f MW.",
                String.join(", ", pools.stream().map(p -> f("%s above %.0f W", p.accelerator(), p.floorW())).distinct().toList()),
                floorIt * facility.pue() / 1e6);
    }

    /** Accelerators in one replica of pool {@code index}: tp x dp x pipeline stages of its step-cost model. */
    private static int acceleratorsPerReplica(Scenario scenario, int index) {
        Catalog catalog = scenario.catalog();
        PoolSpec p = scenario.cluster().pools().get(index);
        AcceleratorSpec accelerator = catalog.accelerator(p.accelerator());
        ParallelismSpec par = p.parallelism();
        try {
            Deployment deployment = PoolDeployment.of(scenario, p);
            return new StepCostModel(deployment).gpus();
        } catch (TokenFabException e) {
            throw new TokenFabException(scenario.source() + ": cluster.pools[" + index + "] (" + p.name() + "): "
                    + e.getMessage(), e);
        }
    }

    List<Pool> pools() {
        return pools;
    }

    /** The pool called {@code name}. */
    Pool pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** The per-accelerator cap in force for pool {@code index} (its own or the budget's), if any. */
    OptionalDouble capW(int index) {
        double w = pools.get(index).capW();
        return Double.isNaN(w) ? OptionalDouble.empty() : OptionalDouble.of(w);
    }

    /** Node overhead of the whole fleet, W. */
    double overheadW() {
        return pools.stream().mapToDouble(Pool::overheadW).sum();
    }

    double peakItW() {
        return pools.stream().mapToDouble(Pool::peakItW).sum();
    }

    /** The configured fleet's peak facility power: every accelerator at its limit, x PUE, W. */
    double peakFacilityW() {
        return peakItW() * facility.pue();
    }

    /** The fleet's facility power with every accelerator idle, W. */
    double idleFacilityW() {
        return pools.stream().mapToDouble(Pool::idleItW).sum() * facility.pue();
    }

    /** The fraction of TDP the budget capped every accelerator at; NaN if it did not. */
    double capFraction() {
        return capFraction;
    }

    /** What the plan assumed or changed, for the summary; empty if nothing. */
    String note() {
        return note;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
