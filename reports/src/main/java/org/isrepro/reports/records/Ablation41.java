package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The section 4.1 ablation ({@code ablation-4.1.json}, schema {@code isrepro.ablation41/1}). */
public record Ablation41(Path file, Scale scale, String standIn, JsonNode config, JsonNode provenance,
                         List<Checkpoint> checkpoints) {

    public static final String SCHEMA = "isrepro.ablation41/1";

    /** One checkpoint of the ablation; probability arrays may be empty when not recorded. */
    public record Checkpoint(double step, double sseLoss, double sseUpperBound, double pearsonLoss,
                             double pearsonUpperBound, double varianceRatioLoss, double varianceRatioUpperBound,
                             double varianceRatioGradientNorm, double[] pLoss, double[] pUpperBound,
                             double[] pGradientNorm, JsonNode secondsPerSample) {
    }

    public static Ablation41 read(Path file) {
        JsonNode n = Json.read(file);
        Json.requireSchema(n, SCHEMA, file);
        List<Checkpoint> cps = new ArrayList<>();
        for (JsonNode c : n.path("checkpoints")) {
            cps.add(new Checkpoint(Json.num(c, "step"), Json.num(c, "sse_loss"), Json.num(c, "sse_upper_bound"),
                    Json.num(c, "pearson_loss"), Json.num(c, "pearson_upper_bound"),
                    Json.num(c, "variance_ratio_loss"), Json.num(c, "variance_ratio_upper_bound"),
                    Json.num(c, "variance_ratio_gradient_norm"), Json.doubles(c.get("p_loss")),
                    Json.doubles(c.get("p_upper_bound")), Json.doubles(c.get("p_gradient_norm")),
                    c.path("seconds_per_sample")));
        }
        Scale scale;
        try {
            scale = Scale.parse(Json.str(n, "scale"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return new Ablation41(file, scale, Json.str(n, "standIn"), n.path("config"), n.path("provenance"),
                List.copyOf(cps));
    }
}
