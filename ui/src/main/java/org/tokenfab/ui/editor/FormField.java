package org.tokenfab.ui.editor;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/**
 * One form field bound to one YAML path. The path is a template: {@code {pool}} stands for the pool
 * being edited ({@code cluster.pools[i]}), {@code {load}} for the traffic being edited
 * ({@code workload}, or {@code workload.classes[0]} for a mix of classes) and {@code {model}} for
 * where the model is set (the pool's own {@code model}, else the scenario's). Under the control sits
 * a label for the loader's message when that message names this field's path.
 */
final class FormField {
    /** Where the templates point for the pool and traffic being edited. */
    record Paths(String pool, String load, String model) {
        String resolve(String template) {
            return template.replace("{pool}", pool).replace("{load}", load).replace("{model}", model);
        }
    }

    private static final Pattern MESSAGE_PATH = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\[\\d+])*(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\d+])*)*$");

    final String id;
    final String label;
    final String template;
    final Control control;
    final Label error = new Label();

    FormField(String id, String label, String template, Control control) {
        this.id = id;
        this.label = label;
        this.template = template;
        this.control = control;
        control.setId("field-" + id);
        error.setId("error-" + id);
        error.setWrapText(true);
        error.setMaxWidth(300);
        error.setStyle("-fx-text-fill: #b00020; -fx-font-size: 11px;");
        showError(null);
    }

    static FormField text(String id, String label, String template) {
        TextField t = new TextField();
        t.setPrefColumnCount(10);
        return new FormField(id, label, template, t);
    }

    static FormField choice(String id, String label, String template, List<String> choices, boolean editable) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().setAll(choices);
        c.setEditable(editable);
        c.setVisibleRowCount(16);
        c.setMaxWidth(Double.MAX_VALUE);
        return new FormField(id, label, template, c);
    }

    @SuppressWarnings("unchecked")
    String value() {
        if (control instanceof TextField t) {
            return t.getText() == null ? "" : t.getText();
        }
        ComboBox<String> c = (ComboBox<String>) control;
        String v = c.isEditable() ? c.getEditor().getText() : c.getValue();
        return v == null ? "" : v;
    }

    @SuppressWarnings("unchecked")
    void setValue(String v) {
        if (control instanceof TextField t) {
            t.setText(v);
        } else {
            ComboBox<String> c = (ComboBox<String>) control;
            c.setValue(v);
            if (c.isEditable()) {
                c.getEditor().setText(v);
            }
        }
    }

    /** Shows {@code message} under the control, or hides the label for null. */
    void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
        error.setManaged(message != null);
    }

    /**
     * The YAML path a loader message names: messages read {@code SOURCE: PATH: what was wrong}, so it
     * is the part after the source (the editor knows the source name) up to the next ": ", if it
     * looks like a path.
     */
    static Optional<String> pathIn(String message, String source) {
        if (message == null) {
            return Optional.empty();
        }
        String rest = message.startsWith(source + ": ") ? message.substring(source.length() + 2) : message;
        int colon = rest.indexOf(": ");
        if (colon <= 0) {
            return Optional.empty();
        }
        String path = rest.substring(0, colon);
        Matcher m = MESSAGE_PATH.matcher(path);
        return m.matches() ? Optional.of(path) : Optional.empty();
    }

    /**
     * The field a message path belongs to: the one whose path is the message's path or its closest
     * ancestor (cluster.pools[0].batching.max_seqs belongs to max_seqs; cluster.pools[0].parallelism.ep
     * to nothing below, so to no field unless one is an ancestor); failing that, the first field
     * under it (a whole-pool problem such as "does not fit" goes under the pool's first field).
     */
    static Optional<FormField> match(String path, List<FormField> fields, Paths paths) {
        FormField best = null;
        int bestLength = -1;
        for (FormField f : fields) {
            String p = paths.resolve(f.template);
            boolean ancestor = path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[");
            if (ancestor && p.length() > bestLength && f.control.isVisible()) {
                best = f;
                bestLength = p.length();
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        for (FormField f : fields) {
            String p = paths.resolve(f.template);
            if ((p.startsWith(path + ".") || p.startsWith(path + "[")) && !f.control.isDisabled()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
