# make check-framework: DL4J against a PyTorch twin in lockstep (docs/framework.md).
# Included by the top Makefile, which defines ISREPRO, OUT, SCALE and peer-setup (mk/peer.mk: Debian's python3-torch).
#
#   make check-framework [SCALE=smoke|cpu]   runs each of FRAMEWORK_RUNS in DL4J with --lockstep-export, then the
#                                            PyTorch twin (companion/isrepro_torch/lockstep.py) over the exports
#                                            → $(OUT)/checks/framework-lockstep.json
#
# FRAMEWORK_RUNS lists experiment:method:seed[:key=value,...], the optional settings passed as `--set key=value`;
# the upper-bound run covers both kinds of step (uniform until tau passes tau_th, importance-sampled after), the
# uniform run adds uniform steps. At smoke scale the §4.4 LSTM's tau stays below its tau_th within the budget, so its
# run lowers tau_th until importance sampling switches on (FRAMEWORK_LSTM_SET; docs/framework.md, "The §4.4 LSTM");
# the cpu stand-in switches on at its own tau_th 1.8 (docs/statistics.md, "Sizing").
# The DL4J records and exports go to $(FRAMEWORK_OUT), apart from runs/ so that the report does not count them twice.

FRAMEWORK_LSTM_SET ?= $(if $(filter smoke,$(SCALE)),:tauTh=1.0$(comma)aTau=0)
FRAMEWORK_RUNS ?= wrn-cifar10:upper-bound:0 wrn-cifar10:uniform:0 resnet50-mit67:upper-bound:0 resnet50-mit67:uniform:0 \
  lstm-permuted-mnist:upper-bound:0$(FRAMEWORK_LSTM_SET) lstm-permuted-mnist:uniform:0
FRAMEWORK_EVERY ?= $(if $(filter smoke,$(SCALE)),5,10)
FRAMEWORK_OUT ?= $(OUT)/framework
FRAMEWORK_THREADS ?= 1

.PHONY: check-framework
check-framework: export OMP_NUM_THREADS ?= 1
check-framework: peer-setup cli
	@rm -rf $(FRAMEWORK_OUT)
	@for r in $(FRAMEWORK_RUNS); do \
	  IFS=: read -r e m s x <<< "$$r"; \
	  sets=(); for kv in $${x//,/ }; do sets+=(--set "$$kv"); done; \
	  $(ISREPRO) run --experiment $$e --method $$m --seed $$s --scale $(SCALE) "$${sets[@]}" \
	    --out $(FRAMEWORK_OUT)/dl4j --no-progress --force --lockstep-export $(FRAMEWORK_OUT)/export/$${r//:/__} \
	    --lockstep-every $(FRAMEWORK_EVERY) || exit $$?; \
	done
	PYTHONPATH=$(CURDIR)/companion $(PEER_PYTHON) -m isrepro_torch.lockstep --scale $(SCALE) \
	  --threads $(FRAMEWORK_THREADS) --out $(OUT)/checks/framework-lockstep.json \
	  $(foreach r,$(FRAMEWORK_RUNS),--export $(FRAMEWORK_OUT)/export/$(subst :,__,$(r)))

# make framework-twin [SCALE=smoke|cpu]: the independent PyTorch twin (companion/isrepro_torch/algorithm1.py) runs
# Algorithm 1 with its own draws — uniform, loss, upper-bound, every seed of FRAMEWORK_TWIN_SEEDS — on the data
# subset and protocol of each of FRAMEWORK_TWIN_EXPORTS (by default the first export of each experiment of
# FRAMEWORK_RUNS made without --set settings, which keeps the experiment's own protocol: the §4.2 WRN's upper-bound,
# the §4.3 fine-tuning LeNet's upper-bound and the §4.4 LSTM's uniform), writing run records with provenance.framework
# "pytorch" to $(OUT)/runs beside DL4J's, named <experiment>__<method>__seed<N>__<scale>__pytorch.json (docs/records.md);
# the report keeps them apart from DL4J's estimates and sets them side by side (claim framework-agreement).
# Run again, it skips each run whose finished record of the same export exists (as the matrix does), so a
# framework-twin stopped part-way goes on where it was.
FRAMEWORK_TWIN_SEEDS ?= $(if $(filter smoke,$(SCALE)),0,0 1 2)
FRAMEWORK_TWIN_METHODS ?= uniform loss upper-bound
FRAMEWORK_EXPERIMENTS = $(sort $(foreach r,$(FRAMEWORK_RUNS),$(firstword $(subst :, ,$(r)))))
FRAMEWORK_PROTOCOL_RUNS = $(foreach r,$(FRAMEWORK_RUNS),$(if $(findstring =,$(r)),,$(r)))
FRAMEWORK_TWIN_EXPORTS ?= $(foreach e,$(FRAMEWORK_EXPERIMENTS),\
  $(FRAMEWORK_OUT)/export/$(subst :,__,$(firstword $(filter $(e):%,$(FRAMEWORK_PROTOCOL_RUNS)))))

.PHONY: framework-twin
framework-twin: export OMP_NUM_THREADS ?= 1
framework-twin: peer-setup
	@for x in $(FRAMEWORK_TWIN_EXPORTS); do [ -f $$x/manifest.json ] || { echo "framework-twin: no export in $$x;" \
	  "run make check-framework SCALE=$(SCALE) first" >&2; exit 2; }; done
	@for x in $(FRAMEWORK_TWIN_EXPORTS); do for m in $(FRAMEWORK_TWIN_METHODS); do for s in $(FRAMEWORK_TWIN_SEEDS); do \
	  PYTHONPATH=$(CURDIR)/companion $(PEER_PYTHON) -m isrepro_torch.algorithm1 --export $$x \
	    --method $$m --seed $$s --threads $(FRAMEWORK_THREADS) --out $(OUT) || exit $$?; \
	done; done; done
