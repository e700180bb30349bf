package org.tokenfab.ui;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.ui.model.Workspace;

/**
 * The desktop app: one window, 1280 x 800, with the {@link MainWindow}. Started through
 * {@link UiLauncher} (a class that does not extend Application, so that JavaFX on the plain class
 * path of the shaded jar starts). Takes {@code --scenario=NAME_OR_FILE} and {@code --out=DIR}.
 */
public final class TokenFabApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        var named = getParameters().getNamed();
        Path out = Path.of(named.getOrDefault("out", UiLauncher.DEFAULT_OUTPUT_ROOT));
        Workspace workspace = new Workspace(Catalog.builtIn(), out);
        window = new MainWindow(workspace, uri -> getHostServices().showDocument(uri));
        window.open(named.getOrDefault("scenario", ScenarioLibrary.DEFAULT));
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.setTitle("TokenFab");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }
}
