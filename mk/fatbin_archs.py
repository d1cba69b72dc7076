#!/usr/bin/env python3
"""Lists the GPU code a CUDA shared object carries: for each entry of its .nv_fatbin section, the kind (ELF =
native code for one sm_XY, PTX = virtual code for compute_XY that the driver can JIT to newer GPUs) and the
architecture, counted. The fatbin layout (a 16-byte header with magic 0xBA55ED50, then entries with a kind, a header
size, a padded payload size and the SM version at byte 28) is the one cuobjdump reads; used for docs/cluster.md's
table of the nd4j-cuda-11.6 native library, without a CUDA toolkit.
usage: fatbin_archs.py LIB.so  ->  lines "ELF sm_61 1234" / "PTX compute_86 17"
"""
import collections
import struct
import sys

FATBIN_MAGIC = 0xBA55ED50


def section(path, name):
    with open(path, 'rb') as f:
        data = f.read(64)
        if data[:4] != b'\x7fELF' or data[4] != 2:
            sys.exit(f"{path}: not a 64-bit ELF file")
        shoff, = struct.unpack_from('<Q', data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)
        f.seek(shoff)
        headers = [struct.unpack('<IIQQQQIIQQ', f.read(shentsize)) for _ in range(shnum)]
        strtab = headers[shstrndx]
        f.seek(strtab[4])
        names = f.read(strtab[5])
        for h in headers:
            end = names.index(b'\0', h[0])
            if names[h[0]:end].decode() == name:
                f.seek(h[4])
                return f.read(h[5])
    sys.exit(f"{path}: no {name} section (no GPU code)")


def entries(blob):
    pos = 0
    while pos + 16 <= len(blob):
        magic, _version, header_size, fat_size = struct.unpack_from('<IHHQ', blob, pos)
        if magic != FATBIN_MAGIC:
            pos += 8  # fatbins are 8-byte aligned inside the section
            continue
        at = pos + header_size
        end = at + fat_size
        while at < end:
            kind, _v, eheader, padded = struct.unpack_from('<HHIQ', blob, at)
            sm, = struct.unpack_from('<I', blob, at + 28)
            yield ('PTX' if kind == 1 else 'ELF' if kind == 2 else f'kind{kind}'), sm
            at += eheader + padded
        pos = end


def main():
    counts = collections.Counter(entries(section(sys.argv[1], '.nv_fatbin')))
    for (kind, sm), n in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"{kind} {'compute' if kind == 'PTX' else 'sm'}_{sm} {n}")


if __name__ == '__main__':
    main()
