# Reports module: render from existing records, and the nightly baseline comparison.
# Included by the top Makefile, which runs from the repository root and defines MVN.
# Neither target trains: they only read what is under $(REPORTS_OUT).
#
#   make report                          claims.json, figures/, index.html, report.md under reports/out
#   make report REPORT_SCALE=cpu         judge every claim at one scale instead of the highest present
#   make report REPORT_FROM="d1 d2 ..."  one report in $(REPORTS_OUT) from several output directories (one per
#                                        shard or machine); a run recorded twice is kept once, said on stdout
#   make report REPORT_STRICT=1          fail (exit 2) on an unreadable input file instead of skipping it and
#                                        listing it under Problems (what nightly uses)
#   make nightly-check                   compare with reports/baseline/nightly.json; exit 1 on regression
#   make nightly-check UPDATE_BASELINE=1 accept the current numbers as the baseline

MVN ?= mvn -B -ntp
REPORTS_OUT ?= reports/out
REPORTS_BASELINE ?= reports/baseline/nightly.json
REPORT_SCALE ?=
REPORT_FROM ?=
REPORT_STRICT ?=
UPDATE_BASELINE ?=

# A forked JVM (exec:exec) so that the exit code of the check reaches make. The reports module depends only on
# the records module, which is installed first (with -am, exec would run in records too).
REPORTS_JAVA = $(MVN) -q -pl records install -DskipTests && $(MVN) -q -pl reports compile exec:exec -Dexec.executable=java \
	"-Dexec.args=-Djava.awt.headless=true -cp %classpath

.PHONY: report nightly-check

report:
	$(REPORTS_JAVA) org.isrepro.reports.ReportMain --out $(abspath $(REPORTS_OUT))$(foreach d,$(REPORT_FROM), --from $(abspath $(d)))$(if $(REPORT_SCALE), --scale $(REPORT_SCALE))$(if $(filter 1 true yes,$(REPORT_STRICT)), --strict)"

nightly-check:
	$(REPORTS_JAVA) org.isrepro.reports.nightly.NightlyCheck --out $(abspath $(REPORTS_OUT)) --baseline $(abspath $(REPORTS_BASELINE))$(if $(filter 1 true yes,$(UPDATE_BASELINE)), --update)"

# Two reports claim by claim: estimate and 95% interval in both, flagged when a verdict changed or the intervals
# do not overlap (docs/statistics.md). COMPARE_CURRENT defaults to reports/out, COMPARE_REFERENCE to the committed
# cpu reference run.
COMPARE_CURRENT ?= reports/out
COMPARE_REFERENCE ?= reports/reference/cpu
.PHONY: compare
compare:
	$(REPORTS_JAVA) org.isrepro.reports.CompareMain --current $(abspath $(COMPARE_CURRENT)) --reference $(abspath $(COMPARE_REFERENCE))"
