package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

/** The bundled system catalog: every system is consistent and built from a catalog accelerator. */
class SystemCatalogTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    @Test
    void everyListedSystemLoads() {
        assertThat(CATALOG.systemIds()).containsExactly("hgx-h100", "hgx-h200", "hgx-b200", "hgx-b300", "gb200-nvl72",
                "gb300-nvl72", "vr200-nvl72", "mi300x-8", "mi325x-8", "mi355x-8", "tpu-v5e-8", "tpu-v5e-256",
                "tpu-v6e-8", "tpu-v6e-256", "tpu7x-pod", "inf2-48xlarge", "trn2-ultraserver", "trn2-16",
                "groq-lpu-rack", "groq3-lpx-rack", "cerebras-cs3", "gaudi3-8", "dgx-a100", "rtx-4090-workstation",
                "rtx-pro-6000-2x", "dgx-a100-40gb");
    }

    @Test
    void everySystemIsConsistentAndSourced() {
        for (String id : CATALOG.systemIds()) {
            SystemSpec s = CATALOG.system(id);
            AcceleratorSpec a = CATALOG.accelerator(s.acceleratorId()); // throws if missing
            assertThat(s.scaleUpDomain()).as(id).isEqualTo(s.acceleratorsPerNode() * s.nodesPerScaleUpDomain());
            assertThat(s.scaleUpDomain()).as(id + " fits the accelerator's fabric").isLessThanOrEqualTo(a.scaleUpDomainSize());
            assertThat(s.nodeOverheadW()).as(id).isGreaterThanOrEqualTo(0);
            assertThat(s.provenance().keySet()).as(id).isEqualTo(s.numbers().keySet());
            s.provenance().forEach((f, p) -> assertThat(p.source()).as(id + " " + f).isNotBlank());
        }
    }

    @Test
    void everyShippingAcceleratorHasADefaultSystem() {
        for (String id : CATALOG.acceleratorIds()) {
            boolean none = List.of("rubin-cpx", "rubin-ultra", "trainium3").contains(id);
            assertThat(CATALOG.defaultSystemFor(id)).as(id).matches(o -> o.isPresent() != none);
        }
        Map.of("h100-sxm", "hgx-h100", "gb200", "gb200-nvl72", "vr200", "vr200-nvl72", "trainium2", "trn2-ultraserver",
                "tpu-v6e", "tpu-v6e-8", "a100-80gb", "dgx-a100", "groq3-lpx", "groq3-lpx-rack")
                .forEach((acc, sys) -> assertThat(CATALOG.defaultSystemFor(acc).orElseThrow().id()).as(acc).isEqualTo(sys));
    }

    @Test
    void nodeShapesMatchTheirSources() {
        SystemSpec nvl72 = CATALOG.system("gb200-nvl72");
        assertThat(nvl72.acceleratorsPerNode()).isEqualTo(4); // AIConfigurator gb200.yaml: 4 GPUs per tray
        assertThat(nvl72.nodesPerScaleUpDomain()).isEqualTo(18);
        assertThat(nvl72.nodeOverheadWPerAccelerator()).isEqualTo(550.0);
        SystemSpec tpu = CATALOG.system("tpu7x-pod");
        assertThat(tpu.acceleratorsPerNode()).isEqualTo(4);
        assertThat(tpu.scaleUpDomain()).isEqualTo(9216); // hardware-specs.md 1c [S17]
        // Server maximum minus accelerator TDPs: DGX H100 10.2 kW, DGX A100 6.5 kW (SplitwiseSim), DGX B200 14.3 kW.
        assertThat(CATALOG.system("hgx-h100").nodeOverheadW()).isEqualTo(10200 - 8 * 700.0);
        assertThat(CATALOG.system("dgx-a100").nodeOverheadW()).isEqualTo(6500 - 8 * 400.0);
        assertThat(CATALOG.system("hgx-b200").nodeOverheadW()).isEqualTo(14300 - 8 * 1000.0);
        // Host links: PCIe 5.0 64 GB/s and PCIe 4.0 32 GB/s per direction (AIConfigurator system files).
        assertThat(CATALOG.system("hgx-h100").hostLinkBytesPerSecondPerDirection()).isEqualTo(64e9);
        assertThat(CATALOG.system("dgx-a100").hostLinkGbSPerDirection()).isEqualTo(32.0);
        assertThat(CATALOG.system("tpu7x-pod").hostLinkGbSPerDirection()).isNaN();
        assertThat(CATALOG.system("tpu7x-pod").has(SystemSpec.FIELD_HOST_LINK)).isFalse();
        assertThat(CATALOG.system("tpu-v5e-256").scaleOutBytesPerSecondPerAccelerator()).isEqualTo(25e9 / 8);
    }

    @Test
    void aBundledSystemOfAnUnlistedAcceleratorNamesItsFile() {
        String root = "org/tokenfab/hardware/bad-catalog/system-unknown-accelerator/";
        assertThatThrownBy(() -> CatalogLoader.load(root, getClass().getClassLoader()))
                .isInstanceOf(TokenFabException.class)
                .hasMessage(root + "systems/box.yaml: field 'accelerator' names accelerator 'gpu-b', which is not in "
                        + "the catalog (did you mean 'gpu-a'?); known accelerators: gpu-a");
    }

    @Test
    void unknownIdsAreUserErrors() {
        assertThatThrownBy(() -> CATALOG.system("hgx-h10"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("unknown system 'hgx-h10' (did you mean 'hgx-h100'?); known systems: hgx-h100, ");
        assertThatThrownBy(() -> CATALOG.defaultSystemFor("h100"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("unknown accelerator 'h100'");
    }
}
