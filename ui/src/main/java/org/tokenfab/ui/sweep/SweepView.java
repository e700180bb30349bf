package org.tokenfab.ui.sweep;

import javafx.scene.Parent;
import javafx.scene.control.Label;

import org.tokenfab.ui.model.Workspace;

/** The sweep and Pareto chart (being written; this shell only fixes the constructor and root() contract). */
public final class SweepView {
    private final Label root = new Label("sweep and Pareto chart");

    public SweepView(Workspace workspace) {
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }
}
