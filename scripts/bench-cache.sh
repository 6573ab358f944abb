#!/bin/sh
# Scale benchmark: cache fill of 100,000 and 1,000,000 objects, libnlrs vs Debian's libnl.
set -e
cd "$(dirname "$0")/.."
cargo build --release -q
out=target/release/nlrs-bench; mkdir -p $out
src=examples-c/bench/cachefill.c
ln -sf libnlrs.so target/release/libnlrs.so.0
cc -O2 -std=gnu11 -Iinclude $src target/release/libnlrs.so -Wl,-rpath,$PWD/target/release -o $out/cachefill.nlrs
cc -O2 -std=gnu11 $(pkg-config --cflags libnl-3.0) $src $(pkg-config --libs libnl-3.0) -o $out/cachefill.libnl
for n in 100000 1000000; do
	printf 'libnl   '; $out/cachefill.libnl $n
	printf 'libnlrs '; $out/cachefill.nlrs $n
done
