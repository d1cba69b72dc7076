package org.isrepro.reports;

import java.nio.file.Path;
import java.util.List;

import static org.isrepro.reports.Fixtures.run;

/**
 * A fixture output directory shaped like the smoke suites' (every part of the report has input): §4.1 ablation
 * and the tau check, §4.2 with three seeds (one method never switching importance sampling on, so its curve equals
 * uniform's), §4.3, §4.4 with two tau thresholds, appendix C and D, RAIS, the reviewer checks and benchmarks.
 */
final class SmokeLikeFixtures {
    private SmokeLikeFixtures() {
    }

    static void write(Path out) {
        for (long seed = 0; seed < 3; seed++) {
            run("wrn-cifar10", "uniform").scale("smoke").seed(seed).loss(2.3, 1.2 + 0.05 * seed).write(out);
            run("wrn-cifar10", "upper-bound").scale("smoke").seed(seed).loss(2.3, 1.0 + 0.08 * seed).isOnFrom(4)
                    .write(out);
            run("wrn-cifar10", "loss").scale("smoke").seed(seed).loss(2.3, 1.2 + 0.05 * seed).neverSampled()
                    .write(out);
        }
        for (String m : List.of("uniform", "loss", "upper-bound", "loshchilov-hutter", "schaul")) {
            Fixtures.Run r = run("wrn-cifar100", m).scale("smoke").loss(3.0, m.equals("schaul") ? 2.1 : 2.4);
            (m.equals("loss") || m.equals("upper-bound") ? r.neverSampled() : r).write(out);
        }
        for (String m : List.of("uniform", "loss", "upper-bound")) {
            Fixtures.Run r = run("resnet50-mit67", m).scale("smoke").loss(1.6, 1.49).error(0.9, 0.62).batchSize(16);
            (m.equals("uniform") ? r : r.presample(48).neverSampled()).write(out);
        }
        run("lstm-permuted-mnist", "uniform").scale("smoke").loss(2.3, 2.1).write(out);
        run("lstm-permuted-mnist", "upper-bound").scale("smoke").variant("tau_th=1.1").tauTh(1.1).loss(2.3, 2.0).isOnFrom(6)
                .write(out);
        run("lstm-permuted-mnist", "upper-bound").scale("smoke").variant("tau_th=1.8").tauTh(1.8).loss(2.3, 2.1).neverSampled()
                .write(out);
        for (String m : List.of("uniform", "svrg", "katyusha", "scsg", "upper-bound")) {
            run("vr-cifar10", m).scale("smoke").loss(2.3, 1.5 + 0.05 * m.length()).write(out);
        }
        for (int k : List.of(2, 3, 6, 8)) {
            run("presample-ablation", "upper-bound").scale("smoke").variant("B=" + k + "b").presample(32 * k)
                    .loss(2.3, 1.0 + 0.02 * k).isOnFrom(2).write(out);
        }
        for (String m : List.of("uniform", "osgd", "rais")) {
            run("rais-mnist-oracle", m).scale("smoke").loss(2.3, m.equals("rais") ? 0.6 : 0.7).write(out);
        }
        Fixtures.ablation(out, "smoke", List.of(new Fixtures.Checkpoint(10, 0.02, 0.003, 1.1, 0.8, 0.78),
                new Fixtures.Checkpoint(20, 0.015, 0.002, 0.95, 0.7, 0.69),
                new Fixtures.Checkpoint(40, 0.012, 0.002, 0.9, 0.72, 0.7)));
        Fixtures.check(out, "tau-equivalence", "smoke", List.of("step", "tau", "measured_relative_variance_reduction"),
                List.of(List.of(0, 1.2, 0.29), List.of(50, 1.4, 0.5)));
        Fixtures.check(out, "last-layer", "smoke", List.of("checkpoint", "pearson", "spearman"),
                List.of(List.of(0, 0.91, 0.88), List.of(100, 0.85, 0.80)));
        Fixtures.check(out, "goodfellow", "smoke", List.of("step", "max relative difference", "speed-up"),
                List.of(List.of(50, 4.95e-6, 350)));
        Fixtures.benchRatios(out, 25, 1.02);
        Fixtures.jmh(out);
    }
}
