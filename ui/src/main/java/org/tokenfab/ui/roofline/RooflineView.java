package org.tokenfab.ui.roofline;

import javafx.scene.Parent;
import javafx.scene.control.Label;

import org.tokenfab.ui.model.Workspace;

/** The memory wall explorer (being written; this shell only fixes the constructor and root() contract). */
public final class RooflineView {
    private final Label root = new Label("memory wall explorer");

    public RooflineView(Workspace workspace) {
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }
}
