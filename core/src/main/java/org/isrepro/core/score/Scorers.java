package org.isrepro.core.score;

import java.util.List;

/** The scorers by id. */
public final class Scorers {
    public static final List<String> IDS = List.of(LossScorer.ID, UpperBoundScorer.ID, GradientNormScorer.ID,
            LastLayerScorer.ID, GoodfellowScorer.ID);

    private Scorers() {
    }

    public static Scorer byId(String id) {
        return switch (id) {
            case LossScorer.ID -> new LossScorer();
            case UpperBoundScorer.ID -> new UpperBoundScorer();
            case GradientNormScorer.ID -> new GradientNormScorer();
            case LastLayerScorer.ID -> new LastLayerScorer();
            case GoodfellowScorer.ID -> new GoodfellowScorer();
            default -> throw new IllegalArgumentException("unknown scorer '" + id + "'; known: " + IDS);
        };
    }
}
