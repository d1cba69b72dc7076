package org.isrepro.reports.claims;

import org.isrepro.reports.analysis.Finals;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;

import java.util.List;

/**
 * Every claim of the papers' claims (listed in docs/reports.md), in its order. Criteria were written from the
 * "reduced-scale check" column and the paper's text before any real run was seen; they are not to be
 * tuned until things pass. Comparisons at equal budget use the last evaluation of each run, averaged
 * over seeds ({@link Finals}); time-based comparisons use the cost clock below paper scale and
 * wall-clock seconds at paper scale. Each claim is declared once, in the class of its section of the paper
 * (Katharopoulos &amp; Fleuret 2018) or of the RAIS poster (Johnson &amp; Guestrin 2018).
 */
public final class ClaimRegistry {

    private ClaimRegistry() {
    }

    public static List<Claim> all() {
        return List.of(
                AblationClaims.boundCorrelation(),
                AblationClaims.boundVariance(),
                AblationClaims.lossVarianceEarly(),
                CostClaims.scoringCost(),
                CostClaims.speedupBound(),
                CostClaims.tauEquivalence(),
                CifarClaims.cifar10TrainLoss(),
                CifarClaims.cifar10TestError(),
                CifarClaims.cifar100TrainLoss(),
                CifarClaims.cifar100TestError(),
                CifarClaims.cifar10AllMethods(),
                Mit67Claims.mit67(),
                LstmClaims.lstmTrainLoss(),
                LstmClaims.lstmTestError(),
                LstmClaims.lstmSwitchOn(),
                AppendixClaims.vrMethods(),
                AppendixClaims.presampleAblation(),
                RaisClaims.raisSpeedup(),
                RaisClaims.osgdSpeedup(),
                RaisClaims.lastLayer(),
                FrameworkClaims.frameworkAgreement());
    }

    public static List<ClaimResult> evaluate(Results r, Scale forced) {
        return all().stream().map(cl -> cl.evaluate(r, forced)).toList();
    }
}
