"""isrepro's PyTorch companion: one definition of each network in PyTorch (nets), used by `make bench-peer`
(benchmark/peer/peer_speed.py) and by the framework check (`make check-framework`, docs/framework.md), which
takes a DL4J run's steps again with DL4J's semantics (dl4j) and compares them (lockstep)."""
