/**
 * Agent state shared by the nodes of a cluster, in Redis: {@link dev.aegis.redis.state.RedisAgentStateStore} is
 * the entry point.
 */
package dev.aegis.redis.state;
