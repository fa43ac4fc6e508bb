/**
 * The open-model load generator behind {@code aegis loadtest}: a constant arrival rate, latency from each request's
 * intended send time into HdrHistogram, realistic login events (or, in task mode, task submissions followed by a
 * watch on the node's completed tasks), and a report checked against the SLO targets.
 * {@link dev.aegis.server.loadtest.LoadTest} is the entry point; see docs/loadtest.md.
 */
package dev.aegis.server.loadtest;
