/**
 * Subject-keyed data over N stores: {@link dev.aegis.core.shard.ShardedMetadataIndex} spreads the metadata index
 * over several shards by jump consistent hashing of each subject, asks one shard for a subject's decisions and
 * every shard, in parallel under one deadline, for the rest.
 */
package dev.aegis.core.shard;
