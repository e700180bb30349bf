/**
 * Parameter sweeps ({@code tokenfab sweep}): a scenario's fields expanded into a grid of overrides,
 * every point run on the scenario's seed, one CSV row per point, and the Pareto frontiers that turn
 * a table of numbers into an answer (which configurations are worth considering at all).
 */
package org.tokenfab.scenario.sweep;
