package org.isrepro.reproduction.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The normalisation layers of {@link Architectures#wrn}. {@link #LAYER}, per-sample layer normalisation
 * ({@link LayerNorm}), is the paper's reference code's choice and the default: a sample's eq. 20 score is then the
 * same in the scoring pass and in the step (docs/machines.md). {@link #BATCH}, DL4J's batch normalisation with
 * running statistics for inference, is Zagoruyko & Komodakis' WRN and the harness's earlier choice.
 */
public enum Normalisation {
    LAYER("ln", "layer normalisation"),
    BATCH("bn", "batch normalisation");

    /** The method parameter that chooses it, e.g. {@code upper-bound(norm=batch)}. */
    public static final String PARAM = "norm";

    private final String prefix;
    private final String description;

    Normalisation(String prefix, String description) {
        this.prefix = prefix;
        this.description = description;
    }

    /** The layer-name stem: {@code <block>_ln1}, {@code ln_final} or {@code <block>_bn1}, {@code bn_final}. */
    public String prefix() {
        return prefix;
    }

    /** As a report prints it. */
    public String description() {
        return description;
    }

    Layer layer() {
        return this == LAYER ? new LayerNorm() : new BatchNormalization.Builder().build();
    }

    /** {@code layer} or {@code batch} (any case); fails with the accepted values otherwise. */
    public static Normalisation parse(Object value) {
        String s = String.valueOf(value).trim().toUpperCase(Locale.ROOT);
        for (Normalisation n : values()) {
            if (n.name().equals(s)) {
                return n;
            }
        }
        throw new IllegalArgumentException(PARAM + " must be one of " + Arrays.stream(values())
                .map(n -> n.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
