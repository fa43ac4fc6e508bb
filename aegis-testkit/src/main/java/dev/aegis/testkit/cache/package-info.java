/** The contract suite that every {@link dev.aegis.api.cache.Cache} adapter must pass. */
package dev.aegis.testkit.cache;
