/** The injected clock. */
package dev.aegis.api.time;
