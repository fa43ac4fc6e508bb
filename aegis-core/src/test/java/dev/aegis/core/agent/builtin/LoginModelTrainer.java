package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Trains the shipped login-risk model ({@code models/login-risk.json}) on logins drawn from {@link LoginStory}:
 * logistic regression fitted by batch gradient descent on standardized features, then folded back into
 * weights on the raw (transformed) features, measured on a held-out set drawn with another seed.
 *
 * <p>Run {@link #main} to write the file (see docs/models.md); {@code LoginModelTrainerTest} checks that the
 * shipped file is what this trainer makes, and that it ranks held-out logins well.
 */
final class LoginModelTrainer {

    static final long TRAIN_SEED = 20_260_101L;
    static final long HOLDOUT_SEED = 20_260_102L;
    static final int TRAIN_SAMPLES = 20_000;
    static final int HOLDOUT_SAMPLES = 10_000;

    static final String DEFAULT_OUTPUT = "aegis-core/src/main/resources/models/login-risk.json";

    private static final double LEARNING_RATE = 1.0;
    private static final double L2 = 1e-4;
    private static final int MAX_ITERATIONS = 3_000;
    private static final double GRADIENT_TOLERANCE = 1e-7;
    private static final double ROUNDING = 1e6;

    /**
     * The model's inputs. Defaults are the typical legitimate login, so that an event lacking a feature is not
     * scored as risky for that reason alone.
     */
    private record FeatureSpec(String name, String transform, double defaultValue) {}

    private static final List<FeatureSpec> FEATURES = List.of(
            new FeatureSpec("failed_attempts", "identity", 0),
            new FeatureSpec("account_age_days", "log1p", 400),
            new FeatureSpec("night_login", "bool", 0),
            new FeatureSpec("anonymous_proxy", "bool", 0),
            new FeatureSpec("password_reset_recent", "bool", 0));

    /** A fitted model on the transformed features, and how the fit went. */
    record Fit(double[] weights, double bias, int iterations, double loss) {

        double probability(double[] values) {
            double logit = bias;
            for (int j = 0; j < values.length; j++) {
                logit += weights[j] * values[j];
            }
            return 1 / (1 + StrictMath.exp(-logit));
        }
    }

    private LoginModelTrainer() {}

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args.length > 0 ? args[0] : DEFAULT_OUTPUT);
        ObjectNode model = train();
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        Files.writeString(output, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(model) + System.lineSeparator());
        System.out.println("wrote " + output.toAbsolutePath() + ": " + summary(model));
    }

    /** Trains on the training seed and answers the model file's tree. */
    static ObjectNode train() {
        LogisticModel reader = LogisticModel.parse(modelFile(new double[FEATURES.size()], 0, null));
        List<LoginStory.Login> training = LoginStory.logins(TRAIN_SEED, TRAIN_SAMPLES);
        Fit fit = fit(values(reader, training), labels(training));
        List<LoginStory.Login> holdout = LoginStory.logins(HOLDOUT_SEED, HOLDOUT_SAMPLES);
        double[] scores = Arrays.stream(values(reader, holdout)).mapToDouble(fit::probability).toArray();
        ObjectNode provenance = trainingNode(fit, scores, labels(holdout));
        return modelFile(rounded(fit.weights()), round(fit.bias()), provenance);
    }

    static double[][] values(LogisticModel model, List<LoginStory.Login> logins) {
        return logins.stream().map(login -> model.values(login.event())).toArray(double[][]::new);
    }

    static boolean[] labels(List<LoginStory.Login> logins) {
        boolean[] labels = new boolean[logins.size()];
        IntStream.range(0, labels.length).forEach(i -> labels[i] = logins.get(i).risky());
        return labels;
    }

    /** Batch gradient descent on the mean log-loss (plus a small L2 term) over standardized features. */
    static Fit fit(double[][] x, boolean[] y) {
        Standardizer standardizer = new Standardizer(x);
        double[][] z = standardizer.apply(x);
        double[] w = new double[z[0].length];
        double b = 0;
        int iteration = 0;
        double[] gradient;
        do {
            gradient = gradient(z, y, w, b);
            for (int j = 0; j < w.length; j++) {
                w[j] -= LEARNING_RATE * gradient[j];
            }
            b -= LEARNING_RATE * gradient[w.length];
            iteration++;
        } while (iteration < MAX_ITERATIONS && maxAbs(gradient) > GRADIENT_TOLERANCE);
        Fit standardized = new Fit(w, b, iteration, 0);
        return standardizer.unfold(standardized, logLoss(z, y, standardized));
    }

    /** The gradient of the mean log-loss plus L2 on the weights: weights first, the bias last. */
    private static double[] gradient(double[][] z, boolean[] y, double[] w, double b) {
        double[] gradient = new double[w.length + 1];
        Fit current = new Fit(w, b, 0, 0);
        for (int i = 0; i < z.length; i++) {
            double error = current.probability(z[i]) - (y[i] ? 1 : 0);
            for (int j = 0; j < w.length; j++) {
                gradient[j] += error * z[i][j];
            }
            gradient[w.length] += error;
        }
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] = gradient[j] / z.length + (j < w.length ? L2 * w[j] : 0);
        }
        return gradient;
    }

    private static double logLoss(double[][] z, boolean[] y, Fit fit) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double p = Math.clamp(fit.probability(z[i]), 1e-15, 1 - 1e-15);
            sum -= y[i] ? StrictMath.log(p) : StrictMath.log(1 - p);
        }
        return sum / z.length;
    }

    /** The area under the ROC curve: the chance a random risky login outscores a random legitimate one. */
    static double auc(double[] scores, boolean[] risky) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end < order.length && scores[order[end]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) {
                if (risky[order[k]]) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    static double accuracy(double[] scores, boolean[] risky) {
        long right = IntStream.range(0, scores.length).filter(i -> scores[i] >= 0.5 == risky[i]).count();
        return (double) right / scores.length;
    }

    private static ObjectNode trainingNode(Fit fit, double[] holdoutScores, boolean[] holdoutLabels) {
        ObjectNode training = JsonNodeFactory.instance.objectNode();
        training.put("generator", "dev.aegis.core.agent.builtin.LoginModelTrainer and LoginStory "
                + "(aegis-core test sources); see docs/models.md");
        training.put("method", "logistic regression by batch gradient descent on standardized features "
                + "(learning rate " + LEARNING_RATE + ", L2 " + L2 + "), folded back to raw features");
        training.put("seed", TRAIN_SEED);
        training.put("samples", TRAIN_SAMPLES);
        training.put("risky_rate", LoginStory.RISKY_RATE);
        training.put("iterations", fit.iterations());
        training.put("log_loss", round(fit.loss()));
        ObjectNode holdout = training.putObject("holdout");
        holdout.put("seed", HOLDOUT_SEED);
        holdout.put("samples", HOLDOUT_SAMPLES);
        holdout.put("auc", round(auc(holdoutScores, holdoutLabels)));
        holdout.put("accuracy", round(accuracy(holdoutScores, holdoutLabels)));
        holdout.put("accuracy_of_always_legitimate", round(1 - positiveRate(holdoutLabels)));
        return training;
    }

    private static double positiveRate(boolean[] labels) {
        return (double) IntStream.range(0, labels.length).filter(i -> labels[i]).count() / labels.length;
    }

    private static ObjectNode modelFile(double[] weights, double bias, ObjectNode training) {
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.put("name", "login-risk");
        file.put("version", "1");
        file.put("description", "Chance that a login is an account takeover or a fake account, from "
                + "failed attempts, account age, night-time, anonymizing proxies and recent password resets. "
                + "Trained on synthetic logins: a demonstration model, to be retrained on real labelled logins.");
        ArrayNode features = file.putArray("features");
        for (FeatureSpec spec : FEATURES) {
            features.addObject()
                    .put("name", spec.name())
                    .put("path", "/" + spec.name())
                    .put("transform", spec.transform())
                    .put("default", spec.defaultValue());
        }
        ArrayNode weightArray = file.putArray("weights");
        Arrays.stream(weights).forEach(weightArray::add);
        file.put("bias", bias);
        if (training != null) {
            file.set("training", training);
        }
        return file;
    }

    private static double[] rounded(double[] values) {
        return Arrays.stream(values).map(LoginModelTrainer::round).toArray();
    }

    private static double round(double value) {
        return Math.round(value * ROUNDING) / ROUNDING;
    }

    private static double maxAbs(double[] values) {
        return Arrays.stream(values).map(Math::abs).max().orElse(0);
    }

    static String summary(ObjectNode model) {
        return String.format(Locale.ROOT, "%s v%s: %s", model.get("name").asText(), model.get("version").asText(),
                model.get("training").get("holdout"));
    }

    /** Scales each feature to mean 0 and standard deviation 1 for training, and undoes it on the weights. */
    private static final class Standardizer {

        private final double[] mean;
        private final double[] deviation;

        Standardizer(double[][] x) {
            int columns = x[0].length;
            mean = new double[columns];
            deviation = new double[columns];
            for (int j = 0; j < columns; j++) {
                int column = j;
                mean[j] = Arrays.stream(x).mapToDouble(row -> row[column]).average().orElse(0);
                double variance = Arrays.stream(x).mapToDouble(row -> Math.pow(row[column] - mean[column], 2))
                        .average().orElse(0);
                deviation[j] = variance > 0 ? StrictMath.sqrt(variance) : 1;
            }
        }

        double[][] apply(double[][] x) {
            return Arrays.stream(x).map(row -> IntStream.range(0, row.length)
                    .mapToDouble(j -> (row[j] - mean[j]) / deviation[j]).toArray()).toArray(double[][]::new);
        }

        Fit unfold(Fit standardized, double loss) {
            double[] weights = new double[mean.length];
            double bias = standardized.bias();
            for (int j = 0; j < weights.length; j++) {
                weights[j] = standardized.weights()[j] / deviation[j];
                bias -= weights[j] * mean[j];
            }
            return new Fit(weights, bias, standardized.iterations(), loss);
        }
    }
}
