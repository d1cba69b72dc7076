package org.isrepro.reproduction.ablation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.random.Rng;
import org.isrepro.core.sample.AliasSampler;
import org.isrepro.core.score.GradientNormScorer;
import org.isrepro.core.score.LossScorer;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.datasets.Datasets;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sources;
import org.isrepro.datasets.Split;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.models.Architectures;
import org.isrepro.records.Ablation41Record;
import org.isrepro.reproduction.run.Provenance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * §4.1 (figures 1 and 2): train with uniform SGD and, at checkpoints, score a fixed uniform sample of
 * `sample` training images with the loss, the upper bound (eq. 20) and the exact gradient norm; compare
 * their probabilities (SSE, Pearson) and the variance of weighted `resample`-sized minibatch gradients
 * around the sample's full gradient, relative to uniform resampling (docs/baselines.md §8a).
 */
public final class Ablation41 {
    /** The protocol's sizes; {@link #forScale} gives the cpu setting and a two-minute smoke one. */
    public record Config(Scale scale, int trainSize, int batchSize, int[] checkpoints, int sample, int resample,
                         int draws, double learningRate, long seed) {
        public static Config forScale(Scale scale) {
            return switch (scale) {
                case SMOKE -> new Config(scale, 2_000, 128, new int[] {10, 20, 30}, 256, 32, 10, 0.01, 0);
                case CPU -> new Config(scale, 60_000, 128, new int[] {100, 300, 600}, 1_024, 128, 10, 0.01, 0);
                case PAPER -> throw new IllegalArgumentException("the paper-scale §4.1 ablation (WRN-28-2 on CIFAR-100,"
                        + " snapshots every 3,000 of 50,000 updates) is not implemented; run it at cpu scale");
            };
        }
    }

    private Ablation41() {
    }

    public static Path run(Config c, Path outDir, boolean progress) {
        IndexedDataset train = Datasets.fashionMnist(Split.TRAIN);
        if (c.trainSize() < train.size()) {
            train = org.isrepro.datasets.view.Subset.first(train, c.trainSize());
        }
        DlModel model = DlModel.of(Architectures.lenet(1, 28, 28, 10, c.seed(), new Nesterovs(c.learningRate(), 0.9),
                1e-3));
        Uniform uniform = new Uniform(c.batchSize());
        // One fixed uniform sample, with replacement, for every checkpoint (§8a step 2).
        int[] fixed = new int[c.sample()];
        SplittableRandom r = Rng.stream(c.seed(), "ablation-sample", 0);
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = r.nextInt(train.size());
        }
        DataSet sample = train.get(fixed);
        List<Ablation41Record.Checkpoint> checkpoints = new ArrayList<>();
        int last = c.checkpoints()[c.checkpoints().length - 1];
        ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("ablation-4.1 " + c.scale().id())
                .setInitialMax(last).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(2000)
                .continuousUpdate().build() : null;
        try {
            int next = 0;
            for (int step = 1; step <= last; step++) {
                double loss = uniform.step(model, Sources.of(train), new StepContext(step, c.learningRate(),
                        Rng.stream(c.seed(), "ablation-step", step))).loss();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the §4.1 training run diverged at step " + step + " (loss " + loss + ")");
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(" loss %.4f", loss));
                }
                if (step == c.checkpoints()[next]) {
                    checkpoints.add(analyse(model, sample, c, step));
                    next++;
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        String standIn = "LeNet (conv5-20, pool, conv5-50, pool, dense 500) on Fashion-MNIST (" + train.size()
                + " training images), uniform SGD b=" + c.batchSize() + ", checkpoints at steps "
                + java.util.Arrays.toString(c.checkpoints()) + "; paper: WRN-28-2 on CIFAR-100, every 3,000 updates";
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("trainSize", train.size());
        config.put("batchSize", c.batchSize());
        config.put("checkpoints", c.checkpoints());
        config.put("sample", c.sample());
        config.put("resample", c.resample());
        config.put("draws", c.draws());
        config.put("optimizer", "SGD, Nesterov momentum 0.9, lr " + c.learningRate() + ", l2 gradient 1e-3*W");
        config.put("seed", c.seed());
        org.isrepro.records.Provenance prov = Provenance.collect(Map.of(train.name(), train.checksum()))
                .finished(java.time.Instant.now().toString());
        Path file = new Ablation41Record(Ablation41Record.SCHEMA.id(), c.scale().id(), standIn, config, prov,
                checkpoints).write(outDir);
        for (Ablation41Record.Checkpoint cp : checkpoints) {
            System.out.printf("step %s: sse loss %.4g, upper-bound %.4g; pearson %.3f / %.3f; variance ratio loss %.3f, "
                            + "upper-bound %.3f, gradient-norm %.3f%n", cp.step(), cp.sseLoss(), cp.sseUpperBound(),
                    cp.pearsonLoss(), cp.pearsonUpperBound(), cp.varianceRatioLoss(), cp.varianceRatioUpperBound(),
                    cp.varianceRatioGradientNorm());
        }
        return file;
    }

    static Ablation41Record.Checkpoint analyse(DlModel model, DataSet sample, Config c, int step) {
        int n = (int) sample.getFeatures().size(0);
        long t0 = System.nanoTime();
        ForwardResult f = model.forward(sample, n);
        double forward = (System.nanoTime() - t0) / 1e9 / n;
        t0 = System.nanoTime();
        double[] sLoss = new LossScorer().score(model, sample, n);
        double loss = (System.nanoTime() - t0) / 1e9 / n;
        t0 = System.nanoTime();
        double[] sBound = new UpperBoundScorer().score(model, sample, n);
        double upperBound = (System.nanoTime() - t0) / 1e9 / n;
        t0 = System.nanoTime();
        double[] sNorm = new GradientNormScorer().score(model, sample, n);
        double gradientNorm = (System.nanoTime() - t0) / 1e9 / n;
        double[] pLoss = normalise(sLoss);
        double[] pBound = normalise(sBound);
        double[] pNorm = normalise(sNorm);

        INDArray full = model.gradient(sample, null).castTo(DataType.DOUBLE);
        double uniformDist = meanDistance(model, sample, full, null, c, step, Uniform.ID);
        return new Ablation41Record.Checkpoint(step, sse(pLoss, pNorm), sse(pBound, pNorm), pearson(pLoss, pNorm),
                pearson(pBound, pNorm), meanDistance(model, sample, full, pLoss, c, step, LossScorer.ID) / uniformDist,
                meanDistance(model, sample, full, pBound, c, step, UpperBoundScorer.ID) / uniformDist,
                meanDistance(model, sample, full, pNorm, c, step, GradientNormScorer.ID) / uniformDist, uniformDist,
                mean(f.losses()), f.errorRate(), list(pLoss), list(pBound), list(pNorm),
                new Ablation41Record.SecondsPerSample(forward, loss, upperBound, gradientNorm));
    }

    private static List<Double> list(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    /**
     * Mean over `draws` resamples of ‖G_B − G_b‖₂, where G_b is the weighted mean gradient of `resample`
     * draws ∝ p (uniform when p is null) with w_i = 1/(n p_i) (§8a step 3).
     */
    static double meanDistance(DlModel model, DataSet sample, INDArray full, double[] p, Config c, int step,
                               String scheme) {
        int n = (int) sample.getFeatures().size(0);
        AliasSampler sampler = p == null ? null : new AliasSampler(p);
        SplittableRandom r = Rng.stream(c.seed(), "ablation-resample-" + scheme, step);
        double total = 0;
        for (int d = 0; d < c.draws(); d++) {
            int[] idx = new int[c.resample()];
            double[] w = new double[c.resample()];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = sampler == null ? r.nextInt(n) : sampler.next(r);
                w[k] = sampler == null ? 1.0 : 1.0 / (n * p[idx[k]]);
            }
            DataSet batch = new Sources.RowSelection(sample).get(idx);
            INDArray g = model.gradient(batch, w).castTo(DataType.DOUBLE);
            total += g.sub(full).norm2Number().doubleValue();
        }
        return total / c.draws();
    }

    static double[] normalise(double[] s) {
        return org.isrepro.core.sample.Distribution.normalise(s);
    }

    static double sse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double pearson(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }
}
