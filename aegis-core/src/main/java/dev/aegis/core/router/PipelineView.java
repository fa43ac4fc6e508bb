package dev.aegis.core.router;

import dev.aegis.core.config.PipelineConfig;
import java.util.List;

/** A pipeline as {@code GET /v1/pipelines} shows it. */
public record PipelineView(String name, long deadlineMs, List<PipelineConfig.Member> agents, int rules) {}
