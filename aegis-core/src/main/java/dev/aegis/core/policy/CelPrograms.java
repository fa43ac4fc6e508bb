package dev.aegis.core.policy;

import dev.aegis.core.config.ConfigException;
import dev.aegis.core.config.SourceText;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CEL environments of policies, built once: {@code agents}, {@code subject} and {@code event} everywhere,
 * {@code score} in rules, the standard macros and the math and strings extensions. Compiles an expression to
 * a program or fails with {@code <file>:<line>: <reason>}.
 */
final class CelPrograms {

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelType AGENT_MAP =
            MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DYN));
    private static final Cel SCORE_ENV = environment(false);
    private static final Cel RULE_ENV = environment(true);
    private static final Set<CelKind> NUMBERS = Set.of(CelKind.DOUBLE, CelKind.INT, CelKind.UINT, CelKind.DYN);
    private static final Set<CelKind> BOOLEANS = Set.of(CelKind.BOOL, CelKind.DYN);

    private CelPrograms() {}

    private static Cel environment(boolean withScore) {
        var builder = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.math(OPTIONS), CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.math(OPTIONS), CelExtensions.strings())
                .addVar(PolicyVariables.AGENTS, AGENT_MAP)
                .addVar(PolicyVariables.SUBJECT, SimpleType.STRING)
                .addVar(PolicyVariables.EVENT, SimpleType.DYN);
        if (withScore) {
            builder.addVar(PolicyVariables.SCORE, SimpleType.DOUBLE);
        }
        return builder.build();
    }

    /** A rule's {@code when}: a bool expression that may read the combined {@code score}. */
    static CelRuntime.Program rule(SourceText source, Collection<String> members) {
        return compile(RULE_ENV, source, members, BOOLEANS, "bool");
    }

    /** The policy's {@code score}: a number computed from the agents, the subject and the event. */
    static CelRuntime.Program score(SourceText source, Collection<String> members) {
        return compile(SCORE_ENV, source, members, NUMBERS, "number");
    }

    private static CelRuntime.Program compile(
            Cel cel, SourceText source, Collection<String> members, Set<CelKind> kinds, String expected) {
        CelValidationResult result = cel.compile(source.text());
        if (result.hasError()) {
            throw error(source, result.getErrors().getFirst());
        }
        CelAbstractSyntaxTree ast = ast(result, source);
        CelType type = ast.getResultType();
        if (!kinds.contains(type.kind())) {
            throw new ConfigException(source.where() + ": expected a " + expected + " expression, this one is "
                    + type.name() + ": " + source.text());
        }
        checkAgentNames(ast, source, members);
        try {
            return cel.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new ConfigException(source.where() + ": " + e.getMessage(), e);
        }
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result, SourceText source) {
        try {
            return result.getAst();
        } catch (dev.cel.common.CelValidationException e) {
            throw new ConfigException(source.where() + ": " + e.getMessage(), e);
        }
    }

    private static ConfigException error(SourceText source, CelIssue issue) {
        CelSourceLocation location = issue.getSourceLocation();
        int line = source.line() + Math.max(location.getLine(), 1) - 1;
        String column = location.getColumn() >= 0 ? " at column " + (location.getColumn() + 1) : "";
        return new ConfigException(source.file() + ":" + line + ": " + issue.getMessage() + column
                + " in '" + source.text().strip() + "'");
    }

    /** {@code agents["x"]} and {@code agents.x} must name a member: a typo would fail every evaluation. */
    private static void checkAgentNames(CelAbstractSyntaxTree ast, SourceText source, Collection<String> members) {
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .map(node -> agentName(node.expr()))
                .flatMap(Optional::stream)
                .filter(name -> !members.contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new ConfigException(source.where() + ": agents[\"" + name + "\"] is not an agent of this"
                            + " pipeline (agents: " + String.join(", ", new TreeSet<>(members)) + ")");
                });
    }

    private static Optional<String> agentName(CelExpr expr) {
        return switch (expr.getKind()) {
            case SELECT -> isAgents(expr.select().operand())
                    ? Optional.of(expr.select().field()) : Optional.empty();
            case CALL -> indexedAgent(expr.call());
            default -> Optional.empty();
        };
    }

    private static Optional<String> indexedAgent(CelExpr.CelCall call) {
        if (!call.function().equals("_[_]") || call.args().size() != 2 || !isAgents(call.args().get(0))) {
            return Optional.empty();
        }
        CelExpr index = call.args().get(1);
        boolean literal = index.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && index.constant().getKind() == CelConstant.Kind.STRING_VALUE;
        return literal ? Optional.of(index.constant().stringValue()) : Optional.empty();
    }

    private static boolean isAgents(CelExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(PolicyVariables.AGENTS);
    }
}
