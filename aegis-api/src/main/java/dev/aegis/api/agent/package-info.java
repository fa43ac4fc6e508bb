/** The agent SPI: what an agent is, what it answers, and how providers build agents from configuration. */
package dev.aegis.api.agent;
