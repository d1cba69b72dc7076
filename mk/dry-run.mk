# make dry-run [DRY_RUN_ITERATIONS=1] [DRY_RUN_PARALLEL=1]: every paper-scale experiment and method of
# `make reproduce-all` for a few updates on synthetic data in the real formats, through the real loaders, a kill
# and a resume, two shards and their merge, and the report; measures step, scoring time and memory
# (README, "Dry run of the paper scale"; mk/dry-run.sh says each step).
.PHONY: dry-run
dry-run: cli
	BACKEND=$(BACKEND) NATIVE=$(NATIVE) bash mk/dry-run.sh
