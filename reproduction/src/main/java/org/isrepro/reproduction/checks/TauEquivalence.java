package org.isrepro.reproduction.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.core.random.Rng;
import org.isrepro.core.sample.AliasSampler;
import org.isrepro.core.tau.TauEstimator;
import org.isrepro.datasets.Datasets;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sources;
import org.isrepro.datasets.Split;
import org.isrepro.records.CheckRecord;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.models.Architectures;
import org.isrepro.reproduction.run.Provenance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * §3.3, eq. 23-26: with exact per-sample gradients, does 1 − 1/tau² equal the relative variance
 * reduction that resampling ∝ gradient norm actually achieves? An MLP is trained on Fashion-MNIST; at each
 * checkpoint the exact gradients G_i of a uniform sample of n images are computed (batch size 1), and
 * single-sample estimators w·G_I are drawn uniformly and ∝ ‖G_i‖ (w = 1/(n g_i)) to measure their variance
 * around the sample's mean gradient by Monte Carlo. Eq. 24 divides by the second moment (1/n)Σ‖G_i‖²,
 * so 1 − 1/tau² equals the second-moment reduction exactly; the variance reduction differs from it by the
 * share of ‖Ḡ‖² in the second moment, which is reported beside it.
 */
public final class TauEquivalence {
    static {
        NativeDefaults.apply(); // before ND4J loads (NativeDefaults)
    }

    public record Config(Scale scale, int[] checkpoints, int sample, int draws, int batchSize, double lr, long seed) {
        public static Config forScale(Scale scale) {
            return switch (scale) {
                case SMOKE -> new Config(scale, new int[] {20, 60}, 64, 20_000, 64, 0.05, 0);
                case CPU, PAPER -> new Config(scale, new int[] {100, 500, 1_500}, 256, 100_000, 128, 0.05, 0);
            };
        }
    }

    private TauEquivalence() {
    }

    public static Path run(Config c, Path outDir) {
        IndexedDataset train = Datasets.fashionMnist(Split.TRAIN);
        DlModel model = DlModel.of(Architectures.mlp(train.sampleShape(), new int[] {100}, 10, c.seed(),
                new Nesterovs(c.lr(), 0.9), 0));
        Uniform uniform = new Uniform(c.batchSize());
        List<Object[]> rows = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        int next = 0;
        int last = c.checkpoints()[c.checkpoints().length - 1];
        for (int step = 1; step <= last; step++) {
            uniform.step(model, Sources.of(train), new StepContext(step, c.lr(), Rng.stream(c.seed(), "tau-train", step)));
            if (step != c.checkpoints()[next]) {
                continue;
            }
            next++;
            Object[] row = measure(model, train, c, step);
            rows.add(row);
            steps.add((double) step);
            predicted.add((Double) row[2]);
            measured.add((Double) row[3]);
            System.out.printf("tau-equivalence step %d: tau %.4f, 1-1/tau^2 %.4f, measured variance reduction %.4f%n",
                    step, row[1], row[2], row[3]);
        }
        CheckRecord out = new CheckRecord(CheckRecord.SCHEMA.id(), "tau-equivalence",
                "tau (eq. 26) against the measured variance reduction of resampling",
                "MLP 784-100-10 on Fashion-MNIST, uniform SGD b=" + c.batchSize() + "; at steps "
                + java.util.Arrays.toString(c.checkpoints()) + " exact per-sample gradients of " + c.sample()
                + " uniformly drawn images; " + c.draws() + " Monte-Carlo single-sample draws per scheme. "
                + "measured_relative_variance_reduction = 1 − Var_g/Var_u of w·G_I around the sample's mean "
                + "gradient; second_moment_reduction is eq. 24's quantity (identical to 1 − 1/tau² by algebra); "
                + "mean_gradient_share = ‖Ḡ‖² / mean ‖G_i‖², the term by which the two differ.",
                c.scale() == Scale.PAPER ? "cpu" : c.scale().id(),
                Provenance.collect(Map.of(train.name(), train.checksum())),
                List.of(new CheckRecord.Table("tau and variance reduction at each checkpoint",
                        List.of("step", "tau", "one_minus_inv_tau2", "measured_relative_variance_reduction",
                                "exact_relative_variance_reduction", "second_moment_reduction", "mean_gradient_share"),
                        rows.stream().map(java.util.Arrays::asList).toList())),
                List.of(new CheckRecord.Figure("tau-vs-measured",
                        "1 − 1/tau² and the measured relative variance reduction", "training step",
                        "relative variance reduction [1]", false, "line",
                        List.of(CheckRecord.Series.of("1 − 1/tau² (eq. 26)", doubles(steps), doubles(predicted)),
                                CheckRecord.Series.of("measured (Monte Carlo)", doubles(steps), doubles(measured))))));
        Path file = out.write(outDir);
        return file;
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Object[] measure(DlModel model, IndexedDataset train, Config c, int step) {
        SplittableRandom r = Rng.stream(c.seed(), "tau-sample", step);
        int n = c.sample();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = r.nextInt(train.size());
        }
        DataSet batch = train.get(idx);
        Sources.RowSelection rows = new Sources.RowSelection(batch);
        double[][] g = new double[n][];
        for (int i = 0; i < n; i++) {
            g[i] = model.gradient(rows.get(new int[] {i}), null).castTo(DataType.DOUBLE).toDoubleVector();
        }
        int dim = g[0].length;
        double[] mean = new double[dim];
        double[] normSq = new double[n];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += g[i][d] / n;
                normSq[i] += g[i][d] * g[i][d];
            }
            norms[i] = Math.sqrt(normSq[i]);
        }
        double meanSq = 0;
        for (double m : mean) {
            meanSq += m * m;
        }
        double[] dot = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                dot[i] += g[i][d] * mean[d];
            }
        }
        double tau = TauEstimator.tau(norms);
        AliasSampler sampler = new AliasSampler(norms);
        double secondU = 0;
        for (double s : normSq) {
            secondU += s / n;
        }
        double secondG = 0;
        for (int i = 0; i < n; i++) {
            double w = 1.0 / (n * sampler.probability(i));
            secondG += sampler.probability(i) * w * w * normSq[i];
        }
        // ‖wG_i − Ḡ‖² = w²‖G_i‖² − 2w G_i·Ḡ + ‖Ḡ‖², so draws need only norms and dot products.
        SplittableRandom mc = Rng.stream(c.seed(), "tau-mc", step);
        double varU = 0;
        double varG = 0;
        for (int t = 0; t < c.draws(); t++) {
            int u = mc.nextInt(n);
            varU += normSq[u] - 2 * dot[u] + meanSq;
            int j = sampler.next(mc);
            double w = 1.0 / (n * sampler.probability(j));
            varG += w * w * normSq[j] - 2 * w * dot[j] + meanSq;
        }
        varU /= c.draws();
        varG /= c.draws();
        double exact = 1 - (secondG - meanSq) / (secondU - meanSq);
        return new Object[] {(double) step, tau, 1 - 1 / (tau * tau), 1 - varG / varU, exact, 1 - secondG / secondU,
                meanSq / secondU};
    }

    public static void main(String[] args) {
        Scale scale = Scale.parse(args.length > 0 ? args[0] : "cpu");
        Path out = Path.of(args.length > 1 ? args[1] : "reports/out");
        System.out.println("written: " + run(Config.forScale(scale), out));
    }
}
