/**
 * The scenario editor: a form over the fields people change most, beside the YAML they belong to.
 * The YAML text is the authority; the form reads from and writes into its tree
 * ({@link org.tokenfab.ui.editor.YamlTree}), and every change is checked by the same
 * {@code ScenarioLoader} the command line uses, whose messages (which name a YAML path) are shown
 * under the matching field ({@link org.tokenfab.ui.editor.FormField}).
 */
package org.tokenfab.ui.editor;
