# Reports module: render from existing records, and the nightly baseline comparison.
# Included by the top Makefile, which runs from the repository root and defines ISREPRO (bin/isrepro).
# None of these targets trains: they only read what is under $(REPORTS_OUT).
#
#   make report                          claims.json, figures/, index.html, report.md under reports/out
#   make report REPORT_SCALE=cpu         judge every claim at one scale instead of the highest present
#   make report REPORT_FROM="d1 d2 ..."  one report in $(REPORTS_OUT) from several output directories (one per
#                                        shard or machine); a run recorded twice is kept once, said on stdout
#   make report REPORT_STRICT=1          fail (exit 2) on an unreadable input file instead of skipping it and
#                                        listing it under Problems (what nightly uses)
#   make nightly-check                   compare with reports/baseline/nightly.json; exit 1 on regression
#   make nightly-check UPDATE_BASELINE=1 accept the current numbers as the baseline

REPORTS_OUT ?= reports/out
REPORTS_BASELINE ?= reports/baseline/nightly.json
REPORT_SCALE ?=
REPORT_FROM ?=
REPORT_STRICT ?=
UPDATE_BASELINE ?=

# The packaged application, started with java by bin/isrepro (built there once, as for every other command),
# so that only the program's exit code and its own message reach make: no Maven at run time, and nothing
# depends on what the local Maven repository holds.
REPORTS_JAVA = $(or $(ISREPRO),bin/isrepro)

.PHONY: report nightly-check

report:
	$(REPORTS_JAVA) report --out $(abspath $(REPORTS_OUT))$(foreach d,$(REPORT_FROM), --from $(abspath $(d)))$(if $(REPORT_SCALE), --scale $(REPORT_SCALE))$(if $(filter 1 true yes,$(REPORT_STRICT)), --strict)

nightly-check:
	$(REPORTS_JAVA) nightly-check --out $(abspath $(REPORTS_OUT)) --baseline $(abspath $(REPORTS_BASELINE))$(if $(filter 1 true yes,$(UPDATE_BASELINE)), --update)

# Two reports claim by claim: estimate and 95% interval in both, flagged when a verdict changed or the intervals
# do not overlap (docs/statistics.md). COMPARE_CURRENT defaults to reports/out, COMPARE_REFERENCE to the committed
# cpu reference run.
COMPARE_CURRENT ?= reports/out
COMPARE_REFERENCE ?= reports/reference/cpu
.PHONY: compare
compare:
	$(REPORTS_JAVA) compare --current $(abspath $(COMPARE_CURRENT)) --reference $(abspath $(COMPARE_REFERENCE))
