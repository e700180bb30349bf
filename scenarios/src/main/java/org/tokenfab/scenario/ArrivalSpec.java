package org.tokenfab.scenario;

/** An open-loop arrival process by YAML name ({@code poisson}) and its mean rate per second. */
public record ArrivalSpec(String process, double ratePerSecond) {
}
