package org.isrepro.reports.figures;

/**
 * The report's parts, in the paper's order: Katharopoulos &amp; Fleuret §3.3 and §4.1, §4.2, §4.3, §4.4,
 * appendices C and D, then the RAIS-SGD paper, its reviewers' checks, and the benchmarks.
 */
public enum Section {
    S41("s41", "§3.3 and §4.1 — the upper bound, tau and the ablation (Fig. 1, 2)"),
    S42("s42", "§4.2 — image classification (Fig. 3)"),
    S43("s43", "§4.3 — fine-tuning (Fig. 4)"),
    S44("s44", "§4.4 — pixel-by-pixel MNIST with an LSTM (Fig. 5)"),
    APPENDICES("appendices", "Appendices C and D — variance-reduction methods, presample size (Fig. 6, 7)"),
    RAIS("rais", "RAIS-SGD (Johnson & Guestrin)"),
    CHECKS("checks", "Reviewer checks"),
    BENCHMARKS("benchmarks", "Benchmarks");

    /** The HTML anchor. */
    public final String anchor;
    public final String title;

    Section(String anchor, String title) {
        this.anchor = anchor;
        this.title = title;
    }

    /** The part an experiment's runs belong to, from its id (the ids of reproduction's Experiments). */
    public static Section ofExperiment(String experiment) {
        if (experiment.startsWith("wrn-")) {
            return S42;
        }
        if (experiment.contains("mit67")) {
            return S43;
        }
        if (experiment.startsWith("lstm-")) {
            return S44;
        }
        if (experiment.startsWith("vr-") || experiment.equals("presample-ablation")) {
            return APPENDICES;
        }
        if (experiment.startsWith("rais-")) {
            return RAIS;
        }
        return CHECKS;
    }

    /** The part a check file belongs to: the tau check is the paper's §3.3, the others are reviewers'. */
    public static Section ofCheck(String checkId) {
        return checkId.startsWith("tau-") ? S41 : CHECKS;
    }

    /** The part a claim belongs to, from its {@code source} ("§4.2, Fig. 3", "App. C", "RAIS poster", ...). */
    public static Section ofClaimSource(String source) {
        String s = source == null ? "" : source;
        if (s.startsWith("§4.2")) {
            return S42;
        }
        if (s.startsWith("§4.3")) {
            return S43;
        }
        if (s.startsWith("§4.4")) {
            return S44;
        }
        if (s.startsWith("App.")) {
            return APPENDICES;
        }
        if (s.startsWith("RAIS review")) {
            return CHECKS;
        }
        if (s.startsWith("RAIS")) {
            return RAIS;
        }
        return S41;
    }
}
