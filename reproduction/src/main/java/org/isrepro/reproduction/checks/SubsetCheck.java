package org.isrepro.reproduction.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.records.CheckRecord;
import org.isrepro.records.RecordFiles;
import org.isrepro.records.RunRecord;
import org.isrepro.records.SeriesPoint;
import org.isrepro.records.Summary;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.method.TrainSubset;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.RunOptions;
import org.isrepro.reproduction.run.Runner;

/**
 * Reviewer 000 ("make check-subset"): importance sampling (upper-bound, Algorithm 1) on a fifth of the
 * training set against RAIS and uniform SGD on all of it, in training loss (on the whole training set)
 * against time. The training runs are ordinary run records of experiment {@code check-subset}; this
 * writes {@code checks/subset.json} with their finals and the loss-vs-time curves on both clocks.
 */
public final class SubsetCheck {
    static {
        NativeDefaults.apply(); // before ND4J loads (NativeDefaults)
    }

    public static final String ID = "subset";

    private SubsetCheck() {
    }

    public static void main(String[] args) {
        Scale scale = Scale.parse(args.length > 0 ? args[0] : "cpu");
        Path out = Path.of(args.length > 1 ? args[1] : "reports/out");
        System.out.println("wrote " + run(scale, out, true));
    }

    public static Path run(Scale scale, Path out, boolean progress) {
        RunOptions options = RunOptions.defaults(out).withProgressBar(progress);
        Matrix.Summary summary = new Matrix(options).run(List.of("check-subset"), scale);
        if (!summary.failed().isEmpty()) {
            throw new IllegalStateException("check-subset runs failed: " + summary.failed());
        }
        Experiment e = Experiments.get("check-subset", scale);
        Runner runner = new Runner(options);
        List<List<Object>> rows = new ArrayList<>();
        List<CheckRecord.Series> byCost = new ArrayList<>();
        List<CheckRecord.Series> byWall = new ArrayList<>();
        List<CheckRecord.Series> byEpoch = new ArrayList<>();
        Map<String, String> checksums = Map.of();
        for (MethodSpec m : e.methods()) {
            for (int seed : e.seeds()) {
                RunRecord r = RunRecord.read(runner.recordPath(e, m, seed));
                List<SeriesPoint> series = r.series();
                int trainSize = ((Number) r.config().values().get("trainSize")).intValue();
                double fraction = m.overrides().get(TrainSubset.PARAM) instanceof Number f ? f.doubleValue() : 1.0;
                double[] cost = column(series, SeriesPoint::costUnits);
                double[] wall = column(series, SeriesPoint::wallSeconds);
                double[] loss = column(series, SeriesPoint::trainLoss);
                double[] epochsOwn = column(series, SeriesPoint::samplesSeen);
                for (int i = 0; i < epochsOwn.length; i++) {
                    epochsOwn[i] /= Math.ceil(fraction * trainSize);  // epochs over the data the method trains on
                }
                String name = m.label() + (e.seeds().size() > 1 ? " seed " + seed : "");
                byCost.add(CheckFiles.series(name, cost, loss));
                byWall.add(CheckFiles.series(name, wall, loss));
                byEpoch.add(CheckFiles.series(name, epochsOwn, loss));
                SeriesPoint last = series.get(series.size() - 1);
                Summary sum = r.summary();
                rows.add(java.util.Arrays.asList(m.method(), m.variant() == null ? "all data" : m.variant(), seed,
                        r.status(), fraction, cellOf(last.trainLoss()), cellOf(last.validationError()),
                        cellOf(last.testError()), cellOf(sum.costUnits()), cellOf(sum.wallSeconds()),
                        epochsOwn[epochsOwn.length - 1]));
                if (r.provenance() != null && r.provenance().datasetChecksums() != null) {
                    checksums = r.provenance().datasetChecksums();
                }
            }
        }
        CheckFiles file = new CheckFiles(ID, "Importance sampling on 1/5 of the data vs RAIS and uniform on all of it"
                + " (reviewer 000)", "Runs of experiment check-subset (" + (e.about().standIn() == null
                ? e.about().paperSetting() : e.about().standIn()) + "). Training loss is measured on the whole training set for every run; the"
                + " subset run trains only on its fifth. Epochs are over the data each method trains on. Test error is"
                + " reported separately from validation error; no hyper-parameter was tuned on either.", scale,
                checksums);
        file.table("Finals at equal budget", List.of("method", "data", "seed", "status", "train_fraction",
                "final_train_loss_all_data", "final_validation_error", "final_test_error", "cost_units",
                "wall_seconds", "epochs_over_own_data"), rows);
        file.figure("loss-vs-cost", "Training loss (all data) vs cost clock", "cost [units: forward=1, backward=2 per"
                + " sample]", "training loss [nats]", true, "line", byCost);
        file.figure("loss-vs-wall", "Training loss (all data) vs wall-clock time", "wall-clock time [s]",
                "training loss [nats]", true, "line", byWall);
        file.figure("loss-vs-epochs", "Training loss (all data) vs epochs over the method's own data",
                "epochs [1]", "training loss [nats]", true, "line", byEpoch);
        return file.write(out);
    }

    static double[] column(List<SeriesPoint> series, Function<SeriesPoint, Number> field) {
        double[] out = new double[series.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = RecordFiles.orNaN(field.apply(series.get(i)));
        }
        return out;
    }

    static Object cellOf(Number v) {
        return v != null && Double.isFinite(v.doubleValue()) ? v.doubleValue() : null;
    }
}
