package org.tokenfab.ui.replica;

import javafx.scene.Parent;
import javafx.scene.control.Label;

import org.tokenfab.ui.model.Workspace;

/** The replica timeline (being written; this shell only fixes the constructor and root() contract). */
public final class ReplicaView {
    private final Label root = new Label("replica timeline");

    public ReplicaView(Workspace workspace) {
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }
}
