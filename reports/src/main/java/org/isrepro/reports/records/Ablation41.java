package org.isrepro.reports.records;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.records.Ablation41Record;
import org.isrepro.records.Provenance;

/** The section 4.1 ablation ({@link Ablation41Record}) with the file it came from, its probabilities as arrays. */
public record Ablation41(Path file, Scale scale, String standIn, Map<String, Object> config, Provenance provenance,
                         List<Checkpoint> checkpoints) {

    /** One checkpoint of the ablation; probability arrays may be empty when not recorded. */
    public record Checkpoint(double step, double sseLoss, double sseUpperBound, double pearsonLoss,
                             double pearsonUpperBound, double varianceRatioLoss, double varianceRatioUpperBound,
                             double varianceRatioGradientNorm, double[] pLoss, double[] pUpperBound,
                             double[] pGradientNorm, Ablation41Record.SecondsPerSample secondsPerSample) {
    }

    public static Ablation41 read(Path file) {
        Ablation41Record a = Ablation41Record.read(file);
        Scale scale;
        try {
            scale = Scale.parse(a.scale());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<Checkpoint> cps = a.checkpoints().stream().map(c -> new Checkpoint(c.step(), c.sseLoss(),
                c.sseUpperBound(), c.pearsonLoss(), c.pearsonUpperBound(), c.varianceRatioLoss(),
                c.varianceRatioUpperBound(), c.varianceRatioGradientNorm(), doubles(c.pLoss()),
                doubles(c.pUpperBound()), doubles(c.pGradientNorm()), c.secondsPerSample())).toList();
        return new Ablation41(file, scale, a.standIn(), a.config() == null ? Map.of() : a.config(), a.provenance(),
                cps);
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
    }
}
