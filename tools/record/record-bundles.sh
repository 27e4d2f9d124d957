#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Records the committed bundles of traces/bundles/ on this machine (root, zram, tracefs needed).
# Usage: tools/record/record-bundles.sh [OUTDIR]   (default traces/bundles; existing bundles are kept)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/traces/bundles}
mkdir -p "$out"
rec() { name=$1; shift; [ -e "$out/$name" ] && { echo "$name: exists, kept"; return; }; "$root/bin/zram-ref" record -o "$out/$name" "$@"; }
for w in seqwrite randrw-2threads discard-heavy mem-limit compaction; do
  rec "$w" --new --algorithm lz4 --disksize 16M --interval 50 --workload "$here/workloads/$w.wl"
done
rec shrinker-drop-caches --new --algorithm lz4 --disksize 32M --interval 100 --workload "$here/workloads/shrinker.wl"
for w in swap-steady swap-exit; do
  rec "$w" --new --algorithm lz4 --disksize 64M --interval 100 --workload "$here/workloads/$w.wl"
done
rec ext4-fstrim --new --algorithm lzo-rle --disksize 32M --interval 100 --contents image -- "$here/fs-workload.sh"
rec ext4-copy-trim --new --algorithm lzo-rle --disksize 32M --interval 100 -- "$here/fs-workload.sh"
du -sh "$out"/*
