#!/bin/sh
# Builds kernel_call against a libzstd 1.5.7 source tree (its lib/ directory), e.g. the copy the
# zstd-napi 0.0.13 npm tarball carries in deps/zstd/lib:  tools/zstd-kernel-call/build.sh LIBDIR OUT
set -eu
LIB=$1; OUT=$2
cc -O1 -DZSTD_MULTITHREAD=0 -DZSTD_DISABLE_ASM -I"$LIB" -I"$LIB/common" -o "$OUT" "$(dirname "$0")/kernel_call.c" \
  "$LIB"/common/*.c "$LIB"/compress/*.c "$LIB"/decompress/*.c
