/**
 * The JavaFX desktop app (issue 8). It observes runs through immutable snapshots published by
 * the scenarios module's run API; it never drives or locks the engine. Empty until that issue lands.
 */
package org.tokenfab.ui;
