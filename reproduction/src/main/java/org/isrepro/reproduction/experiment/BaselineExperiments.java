package org.isrepro.reproduction.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.isrepro.core.method.Katyusha;
import org.isrepro.core.method.Scsg;
import org.isrepro.core.method.Svrg;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.score.UpperBoundScorer;

/**
 * Appendix C (variance-reduced methods against uniform and upper-bound, figure 6) and appendix D (the
 * presample size B, figure 7), on the §4.2 setting of each scale.
 */
public final class BaselineExperiments {
    private BaselineExperiments() {
    }

    /** Appendix C's learning-rate factors on the §4.2 rate 0.1 (cpu and paper scale). */
    static final List<Double> VR_LR_SCALES = List.of(0.1, 0.3, 1.0, 3.0, 10.0);

    /** This family's experiments, in the order the registry lists them. */
    public static Map<String, Function<Scale, Experiment>> definitions() {
        Map<String, Function<Scale, Experiment>> d = new LinkedHashMap<>();
        d.put("vr-cifar10", s -> vr(s, false));
        d.put("vr-cifar100", s -> vr(s, true));
        d.put("presample-ablation", BaselineExperiments::presample);
        return d;
    }

    /**
     * Appendix C: tune the learning rate and the snapshot period m; SCSG also its large batch and growth. The VR
     * methods step with plain SGD, so their learning rates run from a tenth of the §4.2 rate 0.1 up to SGD with
     * momentum 0.9's effective step 0.1 / (1 − 0.9) = 1 (lrScale 10), and one step beyond neither end is left out:
     * the tuned candidate lies inside the grid unless the method is best at an end (docs/baselines.md).
     */
    static Experiment vr(Scale scale, boolean hundred) {
        Experiment base = PaperExperiments.wrn(scale, hundred);
        int b = base.protocol().batchSize();
        List<Double> lrScales = scale == Scale.SMOKE ? List.of(0.3, 1.0) : VR_LR_SCALES;
        List<Double> epochs = scale == Scale.SMOKE ? List.of(1.0) : List.of(0.25, 1.0);
        List<Map<String, Object>> svrg = new ArrayList<>();
        List<Map<String, Object>> katyusha = new ArrayList<>();
        List<Map<String, Object>> scsg = new ArrayList<>();
        for (double lr : lrScales) {
            for (double m : epochs) {
                svrg.add(Map.of("lrScale", lr, "snapshotEpochs", m, "momentum", 0.0));
                katyusha.add(Map.of("lrScale", lr, "snapshotEpochs", m, "tau1", 0.5, "momentum", 0.0));
            }
            for (int large : scale == Scale.SMOKE ? List.of(4 * b) : List.of(8 * b, 64 * b)) {
                for (double growth : scale == Scale.SMOKE ? List.of(1.5) : List.of(1.0, 2.0)) {
                    scsg.add(Map.of("lrScale", lr, "largeBatch", large, "growth", growth, "momentum", 0.0));
                }
            }
        }
        Experiment.Grids grids = new Experiment.Grids(Map.of(Svrg.ID, svrg, Katyusha.ID, katyusha, Scsg.ID, scsg), 0.25);
        String id = hundred ? "vr-cifar100" : "vr-cifar10";
        return new Experiment(id, scale, new Experiment.About("App. C, Fig. 6", "Variance-reduced SGD: "
                + base.about().title(), base.about().standIn(), "Appendix C: SVRG, Katyusha and SCSG on "
                + (hundred ? "CIFAR-100" : "CIFAR-10") + " with the §4.2 setup; learning rate and m tuned, SCSG's large"
                + " batch and growth too"), base.data(), base.network().withOptimizer(base.network().optimizer()
                + "; the variance-reduced methods step with plain SGD (momentum 0)"), base.protocol(), base.training(),
                base.evaluation(), List.of(MethodSpec.of(Uniform.ID), MethodSpec.of(UpperBoundScorer.ID),
                MethodSpec.of(Svrg.ID), MethodSpec.of(Katyusha.ID), MethodSpec.of(Scsg.ID)), base.seeds(), Map.of(),
                grids);
    }

    /** Appendix D: B ∈ {2b, 3b, 5b, 8b} at the same tau_th (the paper: 256, 384, 640, 1024 with b = 128). */
    static Experiment presample(Scale scale) {
        Experiment base = PaperExperiments.wrn(scale, false);
        int b = base.protocol().batchSize();
        List<MethodSpec> variants = new ArrayList<>();
        for (int k : new int[] {2, 3, 5, 8}) {
            variants.add(new MethodSpec(UpperBoundScorer.ID, "B=" + k + "b", Map.of("presample", k * b)));
        }
        return new Experiment("presample-ablation", scale, new Experiment.About("App. D, Fig. 7", "Presample size B: "
                + base.about().title(), base.about().standIn(), "Appendix D: CIFAR-10 §4.2 setup, B in {256, 384, 640,"
                + " 1024}, b = 128, the same tau_th"), base.data(), base.network(), base.protocol(), base.training(),
                base.evaluation(), variants, base.seeds(), Map.of(), Experiment.Grids.NONE);
    }
}
