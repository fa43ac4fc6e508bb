/**
 * The metadata index: short summaries of decisions, keyed by tenant, subject and time, kept for a TTL, so that
 * "the last N decisions for subject X" and "the blocks in a region this week" answer without reading the audit
 * log. {@link dev.aegis.api.index.MetadataIndex} is the port.
 */
package dev.aegis.api.index;
