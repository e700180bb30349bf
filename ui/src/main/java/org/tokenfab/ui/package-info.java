/**
 * The JavaFX desktop app (issue 8): {@link org.tokenfab.ui.TokenFabApp} and its
 * {@link org.tokenfab.ui.MainWindow} (tabs for the views, menu, toolbar, status bar and the run
 * machinery), and {@link org.tokenfab.ui.UiLauncher}, which {@code tokenfab ui} calls to open the
 * window or to render a view headless to a PNG. It observes runs through immutable snapshots published
 * by the scenarios module's run API; it never drives or locks the engine.
 */
package org.tokenfab.ui;
