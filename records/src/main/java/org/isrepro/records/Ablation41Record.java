package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The §4.1 ablation, {@code ablation-4.1.json} (figures 1 and 2 of Katharopoulos &amp; Fleuret 2018): at each
 * checkpoint of a uniform-SGD run, how closely the loss and the upper bound follow the gradient norm as importance
 * distributions, and how much each reduces the variance of the resampled gradient.
 *
 * @param config the ablation's settings (training size, b, checkpoints, sample sizes, optimiser, seed)
 */
@JsonPropertyOrder({"schema", "scale", "standIn", "config", "provenance", "checkpoints"})
public record Ablation41Record(@JsonProperty(required = true) String schema,
                               @JsonProperty(required = true) String scale, String standIn,
                               Map<String, Object> config, Provenance provenance,
                               @JsonProperty(required = true) List<Checkpoint> checkpoints) {

    /**
     * Version 2 spells every key in camelCase; version 1 (the committed cpu reference run) used snake_case in the
     * checkpoints and method ids as the keys of {@code seconds_per_sample}, and is read by renaming them.
     */
    public static final SchemaSpec SCHEMA = new SchemaSpec("isrepro.ablation41", 2,
            Map.of(1, Ablation41Record::fromV1));

    public Ablation41Record {
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * One checkpoint. {@code sse*} and {@code pearson*} compare the loss and upper-bound distributions with the
     * gradient norm's over {@code config.sample} images; {@code varianceRatio*} is each distribution's mean distance
     * of the resampled gradient from the full one, over uniform's ({@code uniformMeanDistance}); {@code p*} are the
     * probabilities themselves (figure 2).
     */
    @JsonPropertyOrder({"step", "sseLoss", "sseUpperBound", "pearsonLoss", "pearsonUpperBound", "varianceRatioLoss",
            "varianceRatioUpperBound", "varianceRatioGradientNorm", "uniformMeanDistance", "meanTrainLossOnSample",
            "errorOnSample", "pLoss", "pUpperBound", "pGradientNorm", "secondsPerSample"})
    public record Checkpoint(long step, double sseLoss, double sseUpperBound, double pearsonLoss,
                             double pearsonUpperBound, double varianceRatioLoss, double varianceRatioUpperBound,
                             double varianceRatioGradientNorm, Double uniformMeanDistance,
                             Double meanTrainLossOnSample, Double errorOnSample, List<Double> pLoss,
                             List<Double> pUpperBound, List<Double> pGradientNorm, SecondsPerSample secondsPerSample) {
        public Checkpoint {
            pLoss = pLoss == null ? List.of() : List.copyOf(pLoss);
            pUpperBound = pUpperBound == null ? List.of() : List.copyOf(pUpperBound);
            pGradientNorm = pGradientNorm == null ? List.of() : List.copyOf(pGradientNorm);
        }
    }

    /** Seconds per sample of a forward pass and of each score, measured on the checkpoint's sample. */
    @JsonPropertyOrder({"forward", "loss", "upperBound", "gradientNorm"})
    public record SecondsPerSample(Double forward, Double loss, Double upperBound, Double gradientNorm) {
    }

    public static Ablation41Record read(Path file) {
        return RecordFiles.read(file, Ablation41Record.class, SCHEMA);
    }

    public Path write(Path outDir) {
        Path file = outDir.resolve(FILE);
        RecordFiles.write(file, this);
        return file;
    }

    public static final String FILE = "ablation-4.1.json";

    private static ObjectNode fromV1(ObjectNode n) {
        Provenance.liftThreadsFromV1(n);
        for (JsonNode c : n.path("checkpoints")) {
            if (c instanceof ObjectNode cp) {
                camel(cp);
                if (cp.get("secondsPerSample") instanceof ObjectNode s) {
                    camel(s);
                }
            }
        }
        return n;
    }

    /** {@code sse_upper_bound} and {@code upper-bound} both become {@code upperBound}. */
    private static void camel(ObjectNode o) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        ObjectNode renamed = o.objectNode();
        for (String k : names) {
            StringBuilder sb = new StringBuilder();
            boolean up = false;
            for (char ch : k.toCharArray()) {
                if (ch == '_' || ch == '-') {
                    up = true;
                } else {
                    sb.append(up ? Character.toUpperCase(ch) : ch);
                    up = false;
                }
            }
            renamed.set(sb.toString(), o.get(k));
        }
        o.removeAll();
        o.setAll(renamed);
    }
}
