/**
 * The {@code aegis} command line (picocli): {@code serve} runs a node, {@code loadtest} runs
 * {@link dev.aegis.server.loadtest.LoadTest}. {@link dev.aegis.server.cli.AegisCommand} is the jar's main class.
 */
package dev.aegis.server.cli;
