package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's configuration: the experiment as data, in full, with the method and its parameters (docs/records.md,
 * {@code config}). It is kept as the writer built it, keys, order and values, because a matrix compares it
 * canonically with the configuration it would run to decide whether a run is finished; the keys the reports read
 * are the typed accessors below ({@link #READ}).
 */
public final class RunConfig {
    /** Every key a reader takes from a configuration; each must be written by the runner. */
    public static final List<String> READ = List.of("model", "batchSize", "presample", "tauTh", "budget",
            "evaluations", "trainEvalSize", "testEvalSize", "paperSetting");

    private final Map<String, Object> values;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RunConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The configuration as the writer built it, in its order. */
    @JsonValue
    public Map<String, Object> values() {
        return values;
    }

    /** The budget every compared run must share (§4.2): a unit ({@code cost}, {@code seconds} or {@code iterations}) and an amount. */
    public record Budget(String unit, double amount) {
        /** As text ("cost 60000.0"), to check that compared runs had the same one. */
        public String text() {
            return unit + " " + amount;
        }
    }

    public String model() {
        return text("model");
    }

    /** b, the minibatch size. */
    public double batchSize() {
        return number("batchSize");
    }

    /** B, the presample size (§3.3). */
    public double presample() {
        return number("presample");
    }

    /** tau_th, the threshold above which importance sampling switches on (§3.3, eq. 29). */
    public double tauTh() {
        return number("tauTh");
    }

    public double evaluations() {
        return number("evaluations");
    }

    public double trainEvalSize() {
        return number("trainEvalSize");
    }

    public double testEvalSize() {
        return number("testEvalSize");
    }

    /** The paper's own setting that this stand-in replaces; null at paper scale or when not stated. */
    public String paperSetting() {
        return text("paperSetting");
    }

    /** The budget, or null when the configuration has none. */
    public Budget budget() {
        if (!(values.get("budget") instanceof Map<?, ?> b)) {
            return null;
        }
        return new Budget(Objects.toString(b.get("unit"), null),
                b.get("amount") instanceof Number n ? n.doubleValue() : Double.NaN);
    }

    private String text(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    /** A number, or NaN when absent; a value of another type is a broken record. */
    private double number(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("config." + key + " is not a number: " + v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunConfig c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
