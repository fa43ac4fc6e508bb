/**
 * The worker-pool autoscaler: the Kubernetes HorizontalPodAutoscaler v2 algorithm (per-metric ratios with
 * tolerance, stabilization windows, rate policies, min/max) as a pure, clock-driven library. A pool calls
 * {@link dev.aegis.core.autoscale.Autoscaler#decide} once per sync period and runs the number of workers it
 * answers. Configuration records are public; the history and the arithmetic behind them are package-private.
 */
package dev.aegis.core.autoscale;
