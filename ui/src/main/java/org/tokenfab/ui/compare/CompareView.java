package org.tokenfab.ui.compare;

import javafx.scene.Parent;
import javafx.scene.control.Label;

import org.tokenfab.ui.model.Workspace;

/** The comparison of pinned runs (being written; this shell only fixes the constructor and root() contract). */
public final class CompareView {
    private final Label root = new Label("comparison of pinned runs");

    public CompareView(Workspace workspace) {
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }
}
