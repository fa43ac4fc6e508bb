/** The Aegis core: router, policy, agents and their guards, embedded adapters. Depends on ports only. */
package dev.aegis.core;
