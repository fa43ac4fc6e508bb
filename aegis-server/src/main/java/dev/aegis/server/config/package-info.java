/**
 * Configuration: the built-in {@code aegis-defaults.yaml}, a YAML file merged over it key by key, then
 * {@code AEGIS_*} environment overrides, bound to {@link dev.aegis.server.config.AegisConfig} by
 * {@link dev.aegis.server.config.ConfigLoader}.
 */
package dev.aegis.server.config;
