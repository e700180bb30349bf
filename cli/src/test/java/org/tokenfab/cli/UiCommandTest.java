package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.tokenfab.ui.MainWindow;

/** `tokenfab ui`: help and clean errors. These never start JavaFX (errors come before the toolkit). */
class UiCommandTest {
    @Test
    void helpListsTheOptions() {
        Cli r = Cli.exec("ui", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--screenshot=FILE.png").contains("--view=VIEW").contains("xvfb-run")
                .contains("roofline").contains("replica");
        assertThat(Cli.exec("--help").out()).contains("ui");
    }

    @Test
    void unknownViewIsACleanUsageError() {
        Cli r = Cli.exec("ui", "--screenshot", "target/never.png", "--view", "dashbord");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("tokenfab: error: unknown view 'dashbord'; views: ").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void unknownScenarioIsACleanUsageError() {
        Cli r = Cli.exec("ui", "--screenshot", "target/never.png", "--scenario", "no-such-scenario");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-scenario").doesNotContain("\tat ");
    }

    @Test
    void viewListMatchesTheApp() {
        assertThat(UiCommand.VIEWS).isEqualTo(String.join(", ", MainWindow.VIEWS));
    }
}
