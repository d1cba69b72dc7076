package org.isrepro.reproduction.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.core.random.Rng;
import org.isrepro.core.score.Scorer;
import org.isrepro.core.score.Scorers;
import org.isrepro.datasets.Datasets;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Split;
import org.isrepro.datasets.view.Subset;
import org.isrepro.records.CheckRecord;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.models.Architectures;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Reviewer 002: Goodfellow's per-example gradients (arXiv:1510.01799) as an exact scorer where the layers
 * allow it (an MLP of dense layers), compared with batch-size-1 backprop in value (max relative
 * difference, Pearson) and in cost (seconds per sample), at several training stages. The scorer is looked
 * up at runtime as {@code Scorers.byId("goodfellow")}; a build without it records "not available in this
 * build" instead of failing.
 */
public final class GoodfellowCheck {
    static {
        NativeDefaults.apply(); // before ND4J loads (NativeDefaults)
    }

    public static final String ID = "goodfellow";
    public static final String SCORER = "goodfellow";

    private GoodfellowCheck() {
    }

    public static void main(String[] args) {
        Scale scale = Scale.parse(args.length > 0 ? args[0] : "cpu");
        Path out = Path.of(args.length > 1 ? args[1] : "reports/out");
        System.out.println("wrote " + run(scale, out));
    }

    public static Path run(Scale scale, Path out) {
        if (scale == Scale.PAPER) {
            throw new IllegalArgumentException("the Goodfellow check has no paper scale; use cpu");
        }
        boolean smoke = scale == Scale.SMOKE;
        int trainSize = smoke ? 1_000 : 6_000;
        int sample = smoke ? 64 : 512;
        int[] steps = smoke ? new int[] {0, 50} : new int[] {0, 300, 1_500};
        int hidden = smoke ? 64 : 256;
        IndexedDataset fashion = Subset.first(Datasets.fashionMnist(Split.TRAIN), trainSize);
        CheckFiles file = new CheckFiles(ID, "Goodfellow per-example gradient norms vs batch-size-1 backprop (reviewer 002)",
                "MLP 784-" + hidden + "-" + hidden / 2 + "-10 (dense layers, ReLU, softmax) on " + trainSize
                        + " Fashion-MNIST images, uniform SGD; at each step a fixed sample of " + sample
                        + " examples is scored by the 'goodfellow' scorer (one batched backward pass) and by"
                        + " batch-size-1 backprop over all parameters.", scale, Map.of(fashion.name(), fashion.checksum()));
        Scorer goodfellow;
        try {
            goodfellow = Scorers.byId(SCORER);
        } catch (IllegalArgumentException ex) {
            file.table("Availability", List.of("scorer", "status", "detail"),
                    List.of(List.of(SCORER, "not available in this build", String.valueOf(ex.getMessage()))));
            System.out.println("goodfellow scorer not available in this build: " + ex.getMessage());
            return file.write(out);
        }
        DlModel model = DlModel.of(Architectures.mlp(new long[] {784}, new int[] {hidden, hidden / 2}, 10, 0, new Nesterovs(0.01, 0.9),
                0));
        SampleSource train = LastLayerCheck.reshaped(fashion, a -> a.reshape(a.size(0), 784));
        SplittableRandom pick = Rng.stream(0, "goodfellow-sample", 0);
        int[] fixed = new int[sample];
        for (int i = 0; i < sample; i++) {
            fixed[i] = pick.nextInt(train.size());
        }
        DataSet batch = train.get(fixed);
        Uniform uniform = new Uniform(32);
        List<List<Object>> rows = new ArrayList<>();
        List<CheckRecord.Series> scatter = new ArrayList<>();
        int done = 0;
        for (int step : steps) {
            for (; done < step; done++) {
                uniform.step(model, train, new StepContext(done, 0.01, Rng.stream(0, "goodfellow-train", done)));
            }
            long t0 = System.nanoTime();
            double[] exact = model.perSampleGradientNorms(batch, false);
            double bs1 = (System.nanoTime() - t0) / 1e9 / sample;
            t0 = System.nanoTime();
            double[] gf = goodfellow.score(model, batch, sample);
            double gfSec = (System.nanoTime() - t0) / 1e9 / sample;
            double maxRel = 0;
            for (int i = 0; i < sample; i++) {
                maxRel = Math.max(maxRel, Math.abs(gf[i] - exact[i]) / Math.max(exact[i], 1e-12));
            }
            rows.add(List.of(step, CheckFiles.cell(maxRel), CheckFiles.cell(Stats.pearson(exact, gf)), bs1, gfSec,
                    bs1 / gfSec, goodfellow.costPerSample()));
            scatter.add(CheckFiles.series("step " + step, exact, gf));
            System.out.printf("goodfellow step %d: max relative difference %.2e, %.3g s/sample vs %.3g s/sample (bs1),"
                    + " speed-up %.1fx%n", step, maxRel, gfSec, bs1, bs1 / gfSec);
        }
        file.table("Goodfellow vs batch-size-1 backprop", List.of("step", "max_relative_difference", "pearson",
                "bs1_seconds_per_sample", "goodfellow_seconds_per_sample", "speedup", "goodfellow_cost_units_per_sample"),
                rows);
        file.figure("values", "Goodfellow vs batch-size-1 per-sample gradient norms", "batch-size-1 norm [1]",
                "Goodfellow norm [1]", false, "scatter", scatter);
        return file.write(out);
    }
}
