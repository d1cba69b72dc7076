package org.isrepro.reports.claims;

import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;
import org.isrepro.reports.text.Numbers;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.isrepro.reports.records.Scale.CPU;
import static org.isrepro.reports.records.Scale.PAPER;
import static org.isrepro.reports.records.Scale.SMOKE;

/** How a claim is declared: criteria per scale, the scales whose inputs exist, and the measured values. */
final class Claims {

    /** Why most training comparisons are not judged on smoke records. */
    static final String SMOKE_REASON = "seconds of training on tiny subsets cannot show the paper's effect; "
            + "the records are still rendered";

    private Claims() {
    }

    static Claim claim(String id, String source, String statement, String paperValue, String inputs,
                       Function<Results, Set<Scale>> present, Map<Scale, String> criteria,
                       BiFunction<Results, Scale, Outcome> judge) {
        return new Claim(id, source, statement, paperValue, inputs, present, criteria, SMOKE_REASON, judge, false);
    }

    static Map<Scale, String> criteria(String smoke, String cpu, String paper) {
        Map<Scale, String> m = new EnumMap<>(Scale.class);
        if (smoke != null) {
            m.put(SMOKE, smoke);
        }
        if (cpu != null) {
            m.put(CPU, cpu);
        }
        if (paper != null) {
            m.put(PAPER, paper);
        }
        return m;
    }

    static Function<Results, Set<Scale>> runScales(String... experiments) {
        return r -> {
            Set<Scale> s = EnumSet.noneOf(Scale.class);
            for (String e : experiments) {
                r.runs(e).forEach(run -> s.add(run.scale()));
            }
            return s;
        };
    }

    static Function<Results, Set<Scale>> ablationScale() {
        return r -> r.ablation().map(a -> (Set<Scale>) EnumSet.of(a.scale())).orElse(EnumSet.noneOf(Scale.class));
    }

    static Function<Results, Set<Scale>> checkScale(String checkId) {
        return r -> {
            CheckFile c = r.checks().get(checkId);
            return c == null ? EnumSet.noneOf(Scale.class) : EnumSet.of(Scale.parse(c.scale()));
        };
    }

    static String fmt(double v) {
        return Numbers.num(v);
    }

    static Map<String, Object> measured() {
        return new LinkedHashMap<>();
    }

    /**
     * The headline first, then {@code rest}: in its own order when it has one, by key when it has none (Map.of),
     * so that claims.json is the same file for the same records.
     */
    static Map<String, Object> withHeadline(String headline, Map<String, Object> rest) {
        Map<String, Object> m = measured();
        m.put("headline", headline);
        m.putAll(rest instanceof LinkedHashMap || rest instanceof java.util.SortedMap ? rest : new TreeMap<>(rest));
        return m;
    }
}
