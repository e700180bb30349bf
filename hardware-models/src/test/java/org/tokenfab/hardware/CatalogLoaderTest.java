package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

/** Malformed catalog files must fail loading with the resource and the field in the message. */
class CatalogLoaderTest {
    private static final String BAD = "org/tokenfab/hardware/bad-catalog/";

    private static Reader resource(String name) {
        InputStream in = CatalogLoaderTest.class.getClassLoader().getResourceAsStream(name);
        return new InputStreamReader(Objects.requireNonNull(in, name), StandardCharsets.UTF_8);
    }

    private static TokenFabException accelerator(String file) {
        String name = BAD + file;
        try {
            CatalogLoader.readAccelerator(resource(name), name);
        } catch (TokenFabException e) {
            return e;
        }
        throw new AssertionError(file + " loaded although it is broken");
    }

    private static TokenFabException model(String file) {
        String name = BAD + file;
        try {
            CatalogLoader.readModel(resource(name), name);
        } catch (TokenFabException e) {
            return e;
        }
        throw new AssertionError(file + " loaded although it is broken");
    }

    @Test
    void missingSourceNamesResourceAndField() {
        assertThat(accelerator("accelerator-missing-source.yaml")).hasMessage(
                BAD + "accelerator-missing-source.yaml: field 'memory_bandwidth_tb_s' has no 'source' (every number "
                        + "needs one); write numbers as { value: ..., source: \"...\", confidence: "
                        + "high|medium|low-preliminary }");
    }

    @Test
    void bareNumberIsRejected() {
        assertThat(accelerator("accelerator-bare-number.yaml").getMessage())
                .startsWith(BAD + "accelerator-bare-number.yaml: field 'tdp_w' must carry its source")
                .endsWith("(found 700)");
    }

    @Test
    void unknownPrecisionIsRejectedWithTheAllowedNames() {
        assertThat(accelerator("accelerator-bad-peak.yaml").getMessage())
                .contains("accelerator-bad-peak.yaml: field 'dense_peak_tflops.fp6' is not a known field")
                .contains("allowed: fp32, bf16, fp16, fp8, int8, fp4");
    }

    @Test
    void badConfidenceIsRejected() {
        assertThat(accelerator("accelerator-bad-confidence.yaml").getMessage())
                .contains("field 'memory_gb' confidence: unknown confidence 'certain'; allowed: high, medium, low-preliminary");
    }

    @Test
    void missingModelFieldNamesResourceAndField() {
        assertThat(model("model-missing-field.yaml"))
                .hasMessage(BAD + "model-missing-field.yaml: field 'kv_heads' is missing");
    }

    @Test
    void typoInFieldNameSuggestsTheRightOne() {
        assertThat(model("model-typo.yaml").getMessage())
                .startsWith(BAD + "model-typo.yaml: field 'layer' is not a known field (did you mean 'layers'?); allowed: ");
    }

    @Test
    void inconsistentArchitectureIsRejected() {
        assertThat(model("model-inconsistent.yaml").getMessage())
                .startsWith(BAD + "model-inconsistent.yaml: attention_kind mha does not match 32 attention_heads and 8 kv_heads");
    }

    @Test
    void fractionalCountIsRejected() {
        assertThat(model("model-fractional.yaml"))
                .hasMessage(BAD + "model-fractional.yaml: field 'layers' value must be a whole number, found 32.5");
    }

    @Test
    void invalidYamlNamesTheResource() {
        assertThat(model("not-yaml.yaml").getMessage()).isEqualTo(BAD + "not-yaml.yaml:3:1: not valid YAML: expected ',' or ']',"
                + " but got <stream end> (while parsing a flow sequence); a '{' or '[' is not closed, or a comma is missing between items");
    }

    @Test
    void duplicateKeysAreRejected() {
        String yaml = "id: a\nid: b\n";
        assertThatThrownBy(() -> CatalogLoader.readModel(new StringReader(yaml), "inline.yaml"))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("inline.yaml:2:1: key 'id' appears twice in the same mapping; give each key once");
    }

    @Test
    void userCatalogFilesGetTheScenarioReadersProtection() {
        assertThatThrownBy(() -> CatalogLoader.readModel(new StringReader("id: x\nname: *n\n"), "mine.yaml"))
                .hasMessage("mine.yaml:2:7: an alias (*n) is not supported in a catalog entry; write the value out"
                        + " (aliases would be read as the plain text 'n')");
        assertThatThrownBy(() -> CatalogLoader.readModel(new StringReader("id: !!java.net.URL [\"http://x\"]\n"), "mine.yaml"))
                .hasMessageStartingWith("mine.yaml:1:5: the tag '!!java.net.URL' is not allowed; a catalog entry holds plain values");
        String huge = "id: '" + "x".repeat(SafeYaml.MAX_DOCUMENT_CHARS + 10_000) + "'\n";
        assertThatThrownBy(() -> CatalogLoader.readModel(new StringReader(huge), "mine.yaml"))
                .hasMessageStartingWith("mine.yaml: ").hasMessageContaining("is too large for a catalog entry (limit 4194304)");
    }

    @Test
    void indexEntryWithoutFileNamesBoth() {
        assertThatThrownBy(() -> CatalogLoader.load(BAD + "missing-entry/", getClass().getClassLoader()))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("catalog resource " + BAD + "missing-entry/accelerators/ghost-gpu.yaml not found (listed in "
                        + BAD + "missing-entry/index.yaml)");
    }

    @Test
    void fileIdMustMatchIndexId() {
        assertThatThrownBy(() -> CatalogLoader.load(BAD + "id-mismatch/", getClass().getClassLoader()))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("id-mismatch/accelerators/gpu-a.yaml: id 'gpu-b' does not match the id 'gpu-a'");
    }
}
