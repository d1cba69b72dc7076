package org.isrepro.reports.claims;

import java.util.List;
import java.util.Optional;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;

/**
 * A dry run of the paper scale (README, "Dry run of the paper scale") trains full-size networks for a few updates on
 * synthetic data: its records prove that the code paths work, never a claim. When any record is a dry run's (its
 * stand-in text starts with {@link #PREFIX}, as the reproduction module writes it), every claim is reported as not
 * judged, with that text as the reason; the measured values stay in the report.
 */
public final class DryRunClaims {
    /** How every dry-run record's stand-in begins ("dry run: synthetic data, N iterations"). */
    public static final String PREFIX = "dry run: ";

    private DryRunClaims() {
    }

    /** The dry run's label when the results hold a dry run's records. */
    public static Optional<String> label(Results r) {
        return r.runs().stream().map(RunRecord::standIn).filter(s -> s != null && s.startsWith(PREFIX)).findFirst();
    }

    public static List<ClaimResult> unjudged(Results r, List<ClaimResult> claims) {
        Optional<String> label = label(r);
        if (label.isEmpty()) {
            return claims;
        }
        String why = "not judged: " + label.get() + " (the records show that the paper-scale code paths run;"
                + " they are not evidence)";
        return claims.stream().map(c -> new ClaimResult(c.id(), c.source(), c.statement(), c.paperValue(),
                c.measured(), c.scale(), Verdict.NOT_RUN, c.criterion(), why, c.inputs(), c.scalesPresent(),
                c.estimate())).toList();
    }
}
