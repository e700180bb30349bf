/**
 * The scenarios of {@code tokenfab bench} (issue 10), bundled as readable YAML resources next to
 * this package: {@code a-one-replica.yaml}, {@code b-cluster-1m.yaml}, {@code c-cluster-day.yaml}
 * and {@code d-sweep-point.yaml}.
 */
package org.tokenfab.scenario.bench;
