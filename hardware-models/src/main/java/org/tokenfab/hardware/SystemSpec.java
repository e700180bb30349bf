package org.tokenfab.hardware;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How accelerators of one kind are built into machines: nodes (what one host, tray or server
 * holds), scale-up domains (the chips one fast fabric joins: an HGX board, an NVL72 rack, a TPU
 * ICI slice, a Trainium UltraServer, a Groq LPX rack) and what the rest of a node costs in power.
 *
 * <p>Units follow the YAML field names (W, GB/s, Gb/s). Optional numbers are {@code NaN} when the
 * catalog has none; {@link #numbers()} lists only those present, and every one of them has a
 * {@link #provenance()} entry keyed by its YAML field path.
 *
 * @param id catalog id, e.g. {@code hgx-h100}
 * @param name display name
 * @param acceleratorId the catalog id of the accelerator every chip of the system is
 * @param acceleratorsPerNode accelerators one node (server, tray, host) holds
 * @param scaleUpDomain accelerators one scale-up fabric joins; a multiple of {@code acceleratorsPerNode}
 * @param nodesPerScaleUpDomain nodes in one scale-up domain ({@code scaleUpDomain / acceleratorsPerNode})
 * @param nodeOverheadW power of one node besides its accelerators (CPUs, DRAM, NICs, switches, fans),
 *     at load, W
 * @param hostLinkTechnology what joins an accelerator to its host CPU (PCIe Gen5 x16, NVLink-C2C, ...);
 *     "unknown" if not published
 * @param hostLinkGbSPerDirection accelerator-to-host bandwidth per accelerator, one direction, GB/s
 *     (what KV-cache swapping to host memory can use); NaN if not published
 * @param scaleOutGbitSPerAccelerator scale-out network bandwidth per accelerator, Gb/s (gigabits,
 *     one direction); NaN if not published
 * @param provenance source and confidence of every number, keyed by YAML field path
 */
public record SystemSpec(
        String id,
        String name,
        String acceleratorId,
        int acceleratorsPerNode,
        int scaleUpDomain,
        int nodesPerScaleUpDomain,
        double nodeOverheadW,
        String hostLinkTechnology,
        double hostLinkGbSPerDirection,
        double scaleOutGbitSPerAccelerator,
        Map<String, Provenance> provenance) {

    public static final String FIELD_ACCELERATOR = "accelerator";
    public static final String FIELD_PER_NODE = "accelerators_per_node";
    public static final String FIELD_SCALE_UP_DOMAIN = "scale_up_domain";
    public static final String FIELD_NODES_PER_DOMAIN = "nodes_per_scale_up_domain";
    public static final String FIELD_NODE_OVERHEAD = "node_overhead_w";
    public static final String FIELD_HOST_LINK = "host_link.bandwidth_per_direction_gb_s";
    public static final String FIELD_SCALE_OUT = "scale_out_gbit_s_per_accelerator";

    public SystemSpec {
        CatalogIds.requireValid(Objects.requireNonNull(id, "id"));
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(acceleratorId, "acceleratorId");
        Objects.requireNonNull(hostLinkTechnology, "hostLinkTechnology");
        AcceleratorSpec.requirePositive(FIELD_PER_NODE, acceleratorsPerNode);
        AcceleratorSpec.requirePositive(FIELD_SCALE_UP_DOMAIN, scaleUpDomain);
        AcceleratorSpec.requirePositive(FIELD_NODES_PER_DOMAIN, nodesPerScaleUpDomain);
        if ((long) acceleratorsPerNode * nodesPerScaleUpDomain != scaleUpDomain) {
            throw new IllegalArgumentException("'" + FIELD_SCALE_UP_DOMAIN + "' (" + scaleUpDomain + ") must equal '"
                    + FIELD_PER_NODE + "' (" + acceleratorsPerNode + ") x '" + FIELD_NODES_PER_DOMAIN + "' ("
                    + nodesPerScaleUpDomain + ")");
        }
        if (!(nodeOverheadW >= 0) || Double.isInfinite(nodeOverheadW)) {
            throw new IllegalArgumentException("'" + FIELD_NODE_OVERHEAD + "' must be a finite number >= 0, got "
                    + nodeOverheadW);
        }
        AcceleratorSpec.requirePositiveOrUnknown(FIELD_HOST_LINK, hostLinkGbSPerDirection);
        AcceleratorSpec.requirePositiveOrUnknown(FIELD_SCALE_OUT, scaleOutGbitSPerAccelerator);
        provenance = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(provenance, "provenance")));
        Map<String, Double> present = numbers(acceleratorsPerNode, scaleUpDomain, nodesPerScaleUpDomain, nodeOverheadW,
                hostLinkGbSPerDirection, scaleOutGbitSPerAccelerator);
        for (String field : present.keySet()) {
            if (!provenance.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' has no source (every number needs one)");
            }
        }
        for (String field : provenance.keySet()) {
            if (!present.containsKey(field)) {
                throw new IllegalArgumentException("provenance names '" + field + "', which holds no number");
            }
        }
    }

    /** Node overhead shared out per accelerator, W (what a power model adds to each chip). */
    public double nodeOverheadWPerAccelerator() {
        return nodeOverheadW / acceleratorsPerNode;
    }

    /** Host-link bandwidth per accelerator, one direction, bytes/s; NaN if not published. */
    public double hostLinkBytesPerSecondPerDirection() {
        return hostLinkGbSPerDirection * 1e9;
    }

    /** Scale-out bandwidth per accelerator, bytes/s (one direction); NaN if not published. */
    public double scaleOutBytesPerSecondPerAccelerator() {
        return scaleOutGbitSPerAccelerator * 1e9 / 8.0;
    }

    /** Whether the catalog has a number at {@code field} (a YAML field path). */
    public boolean has(String field) {
        return provenance.containsKey(field);
    }

    /** Every number present, keyed by YAML field path, in schema order. */
    public Map<String, Double> numbers() {
        return numbers(acceleratorsPerNode, scaleUpDomain, nodesPerScaleUpDomain, nodeOverheadW, hostLinkGbSPerDirection,
                scaleOutGbitSPerAccelerator);
    }

    /** Source and confidence of the number at {@code field} (a YAML field path). */
    public Provenance provenanceOf(String field) {
        Provenance p = provenance.get(field);
        if (p == null) {
            throw new IllegalArgumentException(id + " has no number at '" + field + "'; fields: " + provenance.keySet());
        }
        return p;
    }

    private static Map<String, Double> numbers(int perNode, int domain, int nodes, double overhead, double hostLink,
            double scaleOut) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(FIELD_PER_NODE, (double) perNode);
        m.put(FIELD_SCALE_UP_DOMAIN, (double) domain);
        m.put(FIELD_NODES_PER_DOMAIN, (double) nodes);
        m.put(FIELD_NODE_OVERHEAD, overhead);
        if (!Double.isNaN(hostLink)) {
            m.put(FIELD_HOST_LINK, hostLink);
        }
        if (!Double.isNaN(scaleOut)) {
            m.put(FIELD_SCALE_OUT, scaleOut);
        }
        return Collections.unmodifiableMap(m);
    }
}
