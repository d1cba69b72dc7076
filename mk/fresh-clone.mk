# make test-fresh-clone (the last step of `make test`): the README's first commands as a new user runs them —
# a clone of the last commit (uncommitted changes are not in it), a local Maven repository without any
# org.isrepro artifact (third-party artifacts copied from the warm ~/.m2, read only), the shared data
# directory only read (through links to its datasets) — then `make reproduce SCALE=smoke`, `make report`, `make compare`, `make setup`,
# `make list`, `make datasets`, `make doctor`, `make run` there (mk/fresh-clone.sh says what each must do).
# FRESH_REV=<commit> tests another commit; FRESH_KEEP=1 keeps the clone and the logs.

.PHONY: test-fresh-clone
test-fresh-clone:
	bash mk/fresh-clone.sh
