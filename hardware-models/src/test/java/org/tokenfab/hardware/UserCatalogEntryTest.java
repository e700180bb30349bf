package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokenfab.sim.TokenFabException;

/** Users' own accelerator and system files: same schema, same checks, errors that name file and field. */
class UserCatalogEntryTest {
    private static final String USER = "org/tokenfab/hardware/user-catalog/";

    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                UserCatalogEntryTest.class.getClassLoader().getResourceAsStream(USER + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes the user's example file, with {@code from} replaced by {@code to}, and returns its path. */
    private Path file(String name, String from, String to) throws IOException {
        String yaml = resource(name);
        if (from != null) {
            assertThat(yaml).contains(from);
            yaml = yaml.replace(from, to);
        }
        return Files.writeString(dir.resolve(name), yaml);
    }

    private TokenFabException badAccelerator(String from, String to) throws IOException {
        Path f = file("my-gpu.yaml", from, to);
        try {
            Catalog.readAccelerator(f);
        } catch (TokenFabException e) {
            assertThat(e.getMessage()).startsWith(f + ": ");
            return e;
        }
        throw new AssertionError("loaded although broken: " + to);
    }

    @Test
    void aUserAcceleratorAndSystemExtendTheCatalogWithoutChangingIt() throws IOException {
        AcceleratorSpec mine = Catalog.readAccelerator(file("my-gpu.yaml", null, null));
        assertThat(mine.id()).isEqualTo("my-gpu");
        assertThat(mine.memoryKind()).isEqualTo(MemoryKind.HBM3E);
        assertThat(mine.idleW()).isEqualTo(60.0);
        assertThat(mine.scaleOutGbitS()).isNaN();
        assertThat(mine.price()).isEqualTo(AcceleratorPrice.UNKNOWN);

        Catalog builtIn = Catalog.builtIn();
        Catalog extended = builtIn.withAccelerator(mine);
        assertThat(extended.accelerator("my-gpu")).isSameAs(mine);
        assertThat(extended.acceleratorIds()).endsWith("my-gpu").hasSize(builtIn.acceleratorIds().size() + 1);
        assertThat(builtIn.acceleratorIds()).doesNotContain("my-gpu");
        assertThat(extended.defaultSystemFor("my-gpu")).isEmpty();

        SystemSpec box = Catalog.readSystem(file("my-box.yaml", null, null));
        assertThatThrownBy(() -> builtIn.withSystem(box))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("system 'my-box': field 'accelerator' names accelerator 'my-gpu', which is not in the catalog");
        Catalog withBox = extended.withSystem(box);
        assertThat(withBox.defaultSystemFor("my-gpu")).contains(box);
        assertThat(withBox.system("my-box").nodeOverheadWPerAccelerator()).isEqualTo(300.0);
        assertThat(withBox.system("my-box").scaleOutGbitSPerAccelerator()).isNaN();
    }

    @Test
    void aUserEntryNeverReplacesABundledOne() throws IOException {
        AcceleratorSpec clash = Catalog.readAccelerator(file("my-gpu.yaml", "id: my-gpu", "id: h100-sxm"));
        assertThatThrownBy(() -> Catalog.builtIn().withAccelerator(clash))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("accelerator 'h100-sxm' is already in the catalog; give your entry another id (e.g. 'h100-sxm-custom')");
    }

    @Test
    void missingSourceNamesFileAndField() throws IOException {
        assertThat(badAccelerator("memory_gb: { value: 96, source: \"vendor sheet rev 2\", confidence: medium }",
                "memory_gb: { value: 96, confidence: medium }").getMessage())
                .contains("field 'memory_gb' has no 'source' (every number needs one)");
    }

    @Test
    void unknownFieldSuggestsTheRightOne() throws IOException {
        assertThat(badAccelerator("memory_kind: hbm3e", "memroy_kind: hbm3e").getMessage())
                .contains("field 'memroy_kind' is not a known field (did you mean 'memory_kind'?); allowed: ");
    }

    @Test
    void rangeChecksNameTheField() throws IOException {
        assertThat(badAccelerator("value: 4.0,", "value: -4.0,").getMessage())
                .endsWith("'memory_bandwidth_tb_s' must be a positive finite number, got -4.0");
        assertThat(badAccelerator("idle_w: { value: 60,", "idle_w: { value: 600,").getMessage())
                .endsWith("'idle_w' must be at least 0 and below tdp_w (600.0 W), got 600.0");
        assertThat(badAccelerator("domain_size: { value: 4,", "domain_size: { value: 0,").getMessage())
                .endsWith("'scale_up.domain_size' must be a positive finite number, got 0.0");
    }

    @Test
    void idsAreLowercaseAndHyphenated() throws IOException {
        assertThat(badAccelerator("id: my-gpu", "id: My_GPU").getMessage())
                .endsWith("field 'id' 'My_GPU' is not a valid catalog id; use lowercase letters and digits joined by "
                        + "single '-' or '.', e.g. h100-sxm");
    }

    @Test
    void unknownMemoryKindListsTheAllowedOnes() throws IOException {
        assertThat(badAccelerator("memory_kind: hbm3e", "memory_kind: hbm5").getMessage())
                .endsWith("field 'memory_kind' is 'hbm5', not a known memory kind; allowed: " + MemoryKind.allowedNames());
    }

    @Test
    void aScaleUpDomainNeedsItsBandwidth() throws IOException {
        assertThat(badAccelerator("  bandwidth_bidir_gb_s: { value: 800, source: \"vendor sheet rev 2\", confidence: medium }\n",
                "").getMessage())
                .endsWith("field 'scale_up.bandwidth_bidir_gb_s' is missing; it may be left out only when domain_size "
                        + "is 1 (a chip without a scale-up fabric)");
    }

    @Test
    void inconsistentSystemIsRejected() throws IOException {
        Path f = file("my-box.yaml", "scale_up_domain: { value: 4,", "scale_up_domain: { value: 8,");
        assertThatThrownBy(() -> Catalog.readSystem(f))
                .isInstanceOf(TokenFabException.class)
                .hasMessage(f + ": 'scale_up_domain' (8) must equal 'accelerators_per_node' (4) x "
                        + "'nodes_per_scale_up_domain' (1)");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> Catalog.readAccelerator(f)).isInstanceOf(TokenFabException.class)
                .hasMessage(f + ": no such file");
    }

    /** An inline profile already parsed by the scenario loader: errors start with its origin. */
    @Test
    void parsedTreesReadLikeFiles() throws IOException {
        JsonNode tree = new YAMLMapper().readTree(resource("my-gpu.yaml"));
        assertThat(Catalog.readAccelerator(tree, "s.yaml: cluster.pools[0].accelerator").id()).isEqualTo("my-gpu");
        JsonNode list = new YAMLMapper().readTree("[1, 2]");
        assertThatThrownBy(() -> Catalog.readAccelerator(list, "s.yaml: cluster.pools[0].accelerator"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("s.yaml: cluster.pools[0].accelerator: expected a YAML mapping of fields");
    }
}
