# datasets module: `make datasets` prints, for every dataset, present / missing / corrupt, its path and
# size. Present files are verified against their published checksums; nothing is downloaded here
# (loaders download on first use unless ISREPRO_OFFLINE=1).
# Included by the top Makefile, which defines MVN and ISREPRO_DATA.

MVN ?= mvn -B -ntp

.PHONY: datasets
datasets:
	ISREPRO_DATA="$(ISREPRO_DATA)" $(MVN) -q -pl datasets compile exec:java
