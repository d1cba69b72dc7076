package org.isrepro.reports.claims;

import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One declared claim: where the paper makes it, what it says, the paper's numbers, and per scale the
 * criterion text and the predicate. A scale without a criterion is "not judged" there: the
 * measurement is still reported, the verdict is {@code not-run} with {@link #notJudgedReason}.
 */
public final class Claim {
    public final String id;
    public final String source;
    public final String statement;
    public final String paperValue;
    /** Which files the claim reads, for the not-run reason and the report. */
    public final String inputs;
    private final Function<Results, Set<Scale>> scalesPresent;
    private final Map<Scale, String> criteria;
    private final String notJudgedReason;
    private final BiFunction<Results, Scale, Outcome> judge;
    private final boolean scaleFree;

    Claim(String id, String source, String statement, String paperValue, String inputs,
          Function<Results, Set<Scale>> scalesPresent, Map<Scale, String> criteria, String notJudgedReason,
          BiFunction<Results, Scale, Outcome> judge, boolean scaleFree) {
        this.id = id;
        this.source = source;
        this.statement = statement;
        this.paperValue = paperValue;
        this.inputs = inputs;
        this.scalesPresent = scalesPresent;
        this.criteria = new EnumMap<>(criteria);
        this.notJudgedReason = notJudgedReason;
        this.judge = judge;
        this.scaleFree = scaleFree;
    }

    /** The criterion at a scale, or null when the claim is not judged at that scale. */
    public String criterion(Scale s) {
        return criteria.get(s);
    }

    /** Every scale's criterion, for the registry table in docs and for claims with no input. */
    public String allCriteria() {
        if (scaleFree) {
            return criteria.get(Scale.CPU);
        }
        List<String> parts = new ArrayList<>();
        for (Scale s : Scale.values()) {
            parts.add(s.id() + ": " + (criteria.containsKey(s) ? criteria.get(s) : "not judged"));
        }
        return String.join(" | ", parts);
    }

    public boolean scaleFree() {
        return scaleFree;
    }

    /**
     * Judges at {@code forced} when given, otherwise at the highest scale for which inputs exist
     * (paper over cpu over smoke).
     */
    public ClaimResult evaluate(Results r, Scale forced) {
        Set<Scale> present = scaleFree ? Set.of() : new TreeSet<>(scalesPresent.apply(r));
        List<String> presentIds = present.stream().map(Scale::id).toList();
        if (scaleFree) {
            Outcome o = judge.apply(r, Scale.CPU);
            return result(o, "n/a", criteria.get(Scale.CPU), presentIds);
        }
        if (present.isEmpty()) {
            return result(Outcome.notRun("no input: " + inputs + " not found"), "none", allCriteria(), presentIds);
        }
        Scale s = forced != null ? forced : ((TreeSet<Scale>) present).last();
        if (!present.contains(s)) {
            return result(Outcome.notRun("no input at " + s.id() + " scale (present: " + presentIds + ")"), s.id(),
                    allCriteria(), presentIds);
        }
        Outcome o = judge.apply(r, s);
        String criterion = criteria.get(s);
        if (criterion == null) {
            String why = "not judged at " + s.id() + " scale: " + notJudgedReason;
            return result(Outcome.notRun(why, o.measured()), s.id(), allCriteria(), presentIds);
        }
        return result(o, s.id(), criterion, presentIds);
    }

    private ClaimResult result(Outcome o, String scale, String criterion, List<String> present) {
        return new ClaimResult(id, source, statement, paperValue, o.measured(), scale, o.verdict(), criterion,
                o.reason(), inputs, present, o.estimate());
    }
}
