/**
 * Redis adapters of the ports, on Lettuce: what several Aegis nodes share in a cluster.
 */
package dev.aegis.redis;
