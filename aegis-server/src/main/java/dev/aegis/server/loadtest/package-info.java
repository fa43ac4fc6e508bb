/**
 * The open-model load generator behind {@code aegis loadtest}: a constant arrival rate, latency from each request's
 * intended send time into HdrHistogram, realistic login events, and a report checked against the SLO targets.
 * {@link dev.aegis.server.loadtest.LoadTest} is the entry point; see docs/loadtest.md.
 */
package dev.aegis.server.loadtest;
