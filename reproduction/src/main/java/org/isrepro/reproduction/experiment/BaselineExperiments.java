package org.isrepro.reproduction.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appendix C (variance-reduced methods against uniform and upper-bound, figure 6) and appendix D (the
 * presample size B, figure 7), on the §4.2 setting of each scale.
 */
final class BaselineExperiments {
    private BaselineExperiments() {
    }

    static void registerAll() {
        Experiments.register("vr-cifar10", s -> vr(s, false));
        Experiments.register("vr-cifar100", s -> vr(s, true));
        Experiments.register("presample-ablation", BaselineExperiments::presample);
    }

    /** Appendix C: tune the learning rate and the snapshot period m; SCSG also its large batch and growth. */
    static Experiment vr(Scale scale, boolean hundred) {
        Experiment base = Experiments.wrn(scale, hundred);
        int b = base.batchSize();
        List<Double> lrScales = scale == Scale.SMOKE ? List.of(0.3, 1.0) : List.of(0.1, 0.3, 1.0);
        List<Double> epochs = scale == Scale.SMOKE ? List.of(1.0) : List.of(1.0, 2.0);
        List<Map<String, Object>> svrg = new ArrayList<>();
        List<Map<String, Object>> katyusha = new ArrayList<>();
        List<Map<String, Object>> scsg = new ArrayList<>();
        for (double lr : lrScales) {
            for (double m : epochs) {
                svrg.add(Map.of("lrScale", lr, "snapshotEpochs", m, "momentum", 0.0));
                katyusha.add(Map.of("lrScale", lr, "snapshotEpochs", m, "tau1", 0.5, "momentum", 0.0));
            }
            for (int large : scale == Scale.SMOKE ? List.of(4 * b) : List.of(8 * b, 32 * b)) {
                for (double growth : scale == Scale.SMOKE ? List.of(1.5) : List.of(1.0, 1.5)) {
                    scsg.add(Map.of("lrScale", lr, "largeBatch", large, "growth", growth, "momentum", 0.0));
                }
            }
        }
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("grids", Map.of("svrg", svrg, "katyusha", katyusha, "scsg", scsg));
        defaults.put("gridBudgetFraction", 0.25);
        String id = hundred ? "vr-cifar100" : "vr-cifar10";
        return new Experiment(id, "App. C, Fig. 6", "Variance-reduced SGD: " + base.title(), scale, base.standIn(),
                "Appendix C: SVRG, Katyusha and SCSG on " + (hundred ? "CIFAR-100" : "CIFAR-10") + " with the §4.2 "
                        + "setup; learning rate and m tuned, SCSG's large batch and growth too",
                base.data(), base.model(), base.modelDescription(), base.optimizer()
                        + "; the variance-reduced methods step with plain SGD (momentum 0)", b, base.presample(),
                base.tauTh(), base.aTau(), base.budget(), base.schedule(), base.evaluations(), base.trainEvalSize(),
                base.testEvalSize(), List.of(MethodSpec.of("uniform"), MethodSpec.of("upper-bound"),
                        MethodSpec.of("svrg"), MethodSpec.of("katyusha"), MethodSpec.of("scsg")), base.seeds(), defaults);
    }

    /** Appendix D: B ∈ {2b, 3b, 5b, 8b} at the same tau_th (the paper: 256, 384, 640, 1024 with b = 128). */
    static Experiment presample(Scale scale) {
        Experiment base = Experiments.wrn(scale, false);
        int b = base.batchSize();
        List<MethodSpec> variants = new ArrayList<>();
        for (int k : new int[] {2, 3, 5, 8}) {
            variants.add(new MethodSpec("upper-bound", "B=" + k + "b", Map.of("presample", k * b)));
        }
        return new Experiment("presample-ablation", "App. D, Fig. 7", "Presample size B: " + base.title(), scale,
                base.standIn(), "Appendix D: CIFAR-10 §4.2 setup, B in {256, 384, 640, 1024}, b = 128, the same tau_th",
                base.data(), base.model(), base.modelDescription(), base.optimizer(), b, base.presample(), base.tauTh(),
                base.aTau(), base.budget(), base.schedule(), base.evaluations(), base.trainEvalSize(),
                base.testEvalSize(), variants, base.seeds(), Map.of());
    }
}
