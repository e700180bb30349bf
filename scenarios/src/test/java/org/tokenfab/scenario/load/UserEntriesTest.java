package org.tokenfab.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.sim.TokenFabException;

/** A scenario may bring its own model and accelerator, from a file or inline, in the catalog's schema. */
class UserEntriesTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = new ScenarioLoader(Catalog.builtIn());

    private static String bundled(String path) throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream("/org/tokenfab/hardware/catalog/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String indent(String yaml, String prefix) {
        return yaml.lines().map(l -> prefix + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String scenario(String model, String accelerator) {
        return "name: mine\nrequests: 10\nmodel: " + model + "\ncluster:\n  pools:\n    - accelerator: " + accelerator + "\n"
                + "workload:\n  arrivals: { process: poisson, rate: 1/s }\n  input_tokens: { dist: fixed, tokens: 10 }\n"
                + "  output_tokens: { dist: fixed, tokens: 10 }\n";
    }

    @Test
    void modelFromAFileNextToTheScenario() throws IOException {
        Files.writeString(dir.resolve("my-model.yaml"), bundled("models/llama-3.1-8b.yaml").replace("id: llama-3.1-8b", "id: my-8b"));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario("my-model.yaml", "h100-sxm"));
        Scenario s = loader.load(file, List.of());
        assertThat(s.model()).isEqualTo("my-8b");
        assertThat(s.catalog().model("my-8b").layers()).isEqualTo(32);
        assertThat(s.catalog().modelIds()).contains("llama-3.1-8b", "my-8b");
    }

    @Test
    void acceleratorInline() throws IOException {
        String inline = "\n" + indent(bundled("accelerators/h100-sxm.yaml").replace("id: h100-sxm", "id: my-gpu"), "        ");
        Scenario s = loader.parse("s.yaml", scenario("llama-3.1-8b", inline), List.of());
        assertThat(s.cluster().pools().get(0).accelerator()).isEqualTo("my-gpu");
        assertThat(s.catalog().accelerator("my-gpu").memoryGb()).isEqualTo(80);
    }

    @Test
    void aBundledIdCannotBeShadowed() throws IOException {
        String inline = "\n" + indent(bundled("accelerators/h100-sxm.yaml").replace("memory_gb:\n  value: 80", "memory_gb:\n  value: 96"), "        ");
        assertThatThrownBy(() -> loader.parse("s.yaml", scenario("llama-3.1-8b", inline), List.of()))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("cluster.pools[0].accelerator: an accelerator with id 'h100-sxm' already exists");
    }

    @Test
    void errorsNameTheScenarioPath() {
        assertThatThrownBy(() -> loader.parse("s.yaml", scenario("llama-3.1-8c", "h100-sxm"), List.of()))
                .hasMessageContaining("s.yaml: model: 'llama-3.1-8c' is not a catalog model (did you mean 'llama-3.1-8b'?)");
        assertThatThrownBy(() -> loader.parse("s.yaml", scenario("nope.yaml", "h100-sxm"), List.of()))
                .hasMessageContaining("s.yaml: model: no such file: ");
        assertThatThrownBy(() -> loader.parse("s.yaml", scenario("llama-3.1-8b", "{ id: x }"), List.of()))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("s.yaml: cluster.pools[0].accelerator");
    }
}
