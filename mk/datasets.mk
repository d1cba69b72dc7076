# datasets module: `make datasets` prints, for every dataset, present / missing / corrupt, its path and
# size. Present files are verified against their published checksums; nothing is downloaded here
# (loaders download on first use unless ISREPRO_OFFLINE=1).
# Included by the top Makefile, which defines ISREPRO (bin/isrepro: the packaged application, no Maven at
# run time) and ISREPRO_DATA.

.PHONY: datasets
datasets:
	ISREPRO_DATA="$(ISREPRO_DATA)" $(or $(ISREPRO),bin/isrepro) datasets
