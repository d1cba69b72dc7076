# Paper scale beyond one machine (docs/cluster.md): the plan and its shards, a SLURM job array, the local
# SLURM test, and a check of a (GPU) box before hours of training.
# Included by the top Makefile, which defines MVN, ISREPRO (bin/isrepro), SCALE, BACKEND, OUT, SUDO and `setup`.
#
#   make plan [SCALE=paper] [SHARDS=n] [SECONDS_PER_ITERATION=x]  runs, expected GPU-hours, shard assignment
#   make slurm SCALE=paper [SHARDS=n] [SLURM_OUT=dir]             write $(SLURM_DIR)/{shards,merge}.sbatch, submit.sh
#   make test-slurm                                               single-node SLURM on localhost: 2-shard smoke array
#   make doctor [SCALE=paper] [BACKEND=cuda [CUDA_REDIST=1]]      what is missing on this box, one line each

SHARDS ?= 4
SECONDS_PER_ITERATION ?=
# Results of the array's tasks (shard-<i>/) and the merged report (report/): must be on storage every node sees.
SLURM_OUT ?= $(OUT)/shards-$(SCALE)
SLURM_DIR ?= $(OUT)/slurm-$(SCALE)

.PHONY: plan slurm test-slurm doctor

plan:
	$(ISREPRO) plan --scale $(SCALE) --shards $(SHARDS) --measured $(CURDIR)/reports/reference/dry-run/dry-run.json$(if $(SECONDS_PER_ITERATION), --seconds-per-iteration $(SECONDS_PER_ITERATION))

slurm:
	$(ISREPRO) slurm --scale $(SCALE) --shards $(SHARDS) --out $(abspath $(SLURM_OUT)) --dir $(abspath $(SLURM_DIR)) --root $(CURDIR)

# Installs Debian's slurm-wlm and munge when absent, then runs the JUnit test tagged `slurm` (needs root:
# slurmd runs the jobs). Not part of `make test`: about 5 minutes on the 2-core development machine.
test-slurm: setup
	@command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null || { \
	  echo "test-slurm: installing slurm-wlm and munge"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends slurm-wlm munge; }
	$(MVN) -pl reproduction -am test -Dgroups=slurm -Dtest=SlurmClusterTest -Dsurefire.failIfNoSpecifiedTests=false

doctor:
	@SCALE=$(SCALE) BACKEND=$(BACKEND) CUDA_REDIST=$(CUDA_REDIST) OUT=$(OUT) MVN="$(MVN)" bash mk/doctor.sh
