/**
 * The contract every {@link dev.aegis.api.index.MetadataIndex} adapter must pass, with the decision summaries it
 * is written against.
 */
package dev.aegis.testkit.index;
