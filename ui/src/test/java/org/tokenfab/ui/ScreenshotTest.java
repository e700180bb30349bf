package org.tokenfab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.tokenfab.sim.TokenFabException;

/** The headless screenshot path that {@code tokenfab ui --screenshot} takes. */
class ScreenshotTest {
    @TempDir
    static Path dir;
    static Path scenario;

    @BeforeAll
    static void setUp() throws Exception {
        UiTests.startFx();
        scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, UiTests.quickstart(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dashboard", "live", "compare"})
    void writesANonBlankPngOfTheView(String view) throws Exception {
        Path png = dir.resolve(view + ".png");
        UiLauncher.screenshot(png, scenario.toString(), view, dir.resolve("out"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours).as("distinct colours").hasSizeGreaterThan(20);
    }

    @Test
    void badInputIsAOneLineError() {
        assertThatThrownBy(() -> UiLauncher.screenshot(dir.resolve("x.png"), null, "nope", dir))
                .isInstanceOf(TokenFabException.class).hasMessageStartingWith("unknown view 'nope'; views: scenario, live");
        assertThatThrownBy(() -> UiLauncher.screenshot(dir.resolve("x.png"), "no-such-scenario", "live", dir))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("neither a scenario file nor a bundled scenario");
    }

    @Test
    void compareVariationDoublesTheRate() {
        var source = UiLauncher.resolve(scenario.toString());
        var variant = Headless.variation(source);
        assertThat(variant.label()).isEqualTo("quickstart-2x-rate");
        assertThat(variant.scenarioText()).contains("rate: 20/s");
    }
}
