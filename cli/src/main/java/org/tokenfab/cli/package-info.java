/**
 * The {@code tokenfab} command (picocli): {@code run} now; {@code sweep}, {@code plan},
 * {@code compare}, {@code catalog}, {@code validate}, {@code bench} and {@code ui} as their issues
 * land. Commands only parse arguments, call the scenarios module and print; user errors
 * ({@link org.tokenfab.sim.TokenFabException}) are printed as one message, never a stack trace.
 */
package org.tokenfab.cli;
