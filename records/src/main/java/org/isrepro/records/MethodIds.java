package org.isrepro.records;

/**
 * The id of every method and scorer as records name it ({@code RunRecord.method}, the §4.1 ablation's scorers).
 * The training code names them in core (each method's and scorer's {@code ID}); a test in reproduction checks
 * that both spell every id alike, so that readers of records, which see only this module, never write one as
 * a literal (docs/records.md).
 */
public final class MethodIds {
    /** Uniform SGD, the baseline of every comparison. */
    public static final String UNIFORM = "uniform";
    /** Algorithm 1 with the loss as importance (Katharopoulos &amp; Fleuret 2018, §4). */
    public static final String LOSS = "loss";
    /** Algorithm 1 with the upper bound of eq. 20. */
    public static final String UPPER_BOUND = "upper-bound";
    /** Algorithm 1 with the exact per-sample gradient norm (eq. 8). */
    public static final String GRADIENT_NORM = "gradient-norm";
    /** The norm of the last layer's per-sample gradient (the RAIS reviewers' proxy). */
    public static final String LAST_LAYER = "last-layer";
    /** Exact per-example gradient norms of dense networks from one batched pass (Goodfellow 2015). */
    public static final String GOODFELLOW = "goodfellow";
    /** Online batch selection (Loshchilov &amp; Hutter 2015), a §4.2 history baseline. */
    public static final String LOSHCHILOV_HUTTER = "loshchilov-hutter";
    /** Prioritized experience replay's sampling (Schaul et al. 2016), a §4.2 history baseline. */
    public static final String SCHAUL = "schaul";
    /** SVRG (appendix C). */
    public static final String SVRG = "svrg";
    /** Katyusha (appendix C). */
    public static final String KATYUSHA = "katyusha";
    /** SCSG (appendix C). */
    public static final String SCSG = "scsg";
    /** The biased importance sampling of Katharopoulos &amp; Fleuret 2017. */
    public static final String BIASED = "biased";
    /** RAIS-SGD (Johnson &amp; Guestrin 2018). */
    public static final String RAIS = "rais";
    /** The RAIS poster's oracle SGD (exact norms over the whole training set). */
    public static final String OSGD = "osgd";

    private MethodIds() {
    }
}
