#!/usr/bin/env bash
# The Debian packages the tests and benchmarks use, installed when missing (as root; otherwise
# the missing ones are named and what needs them skips with a message). One list for .ci/run,
# `npm test` and `npm run bench`. Exit status: apt-get's, 0 when nothing was missing.
set -uo pipefail

need=()
command -v blkparse >/dev/null || need+=(blktrace)
command -v fio >/dev/null || need+=(fio)
[ -e /lib/x86_64-linux-gnu/liblzo2.so.2 ] || need+=(liblzo2-2)
[ -e /lib/x86_64-linux-gnu/liblz4.so.1 ] || need+=(liblz4-1)
command -v chromium >/dev/null || need+=(chromium)
command -v python3 >/dev/null || need+=(python3)
command -v cc >/dev/null || need+=(gcc libc6-dev)   # src/kernel/native, src/log/native: the ioctl and CRC32C addons
command -v redis-server >/dev/null || need+=(redis-server) # the fleet tests and bench start their own on loopback
[ -x /usr/bin/time ] || need+=(time)                       # benchmarks: baselines' peak RSS
/usr/bin/python3 -c 'import prometheus_client' 2>/dev/null || need+=(python3-prometheus-client) # OpenMetrics check
command -v zramctl >/dev/null || need+=(util-linux)
command -v mkfs.ext4 >/dev/null || need+=(e2fsprogs)

[ "${#need[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system packages missing: ${need[*]} (as root: apt-get install ${need[*]}); what needs them is skipped" >&2
  exit 0
fi
echo "installing ${need[*]}"
apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
status=$?
[ "$status" -eq 0 ] ||
  echo "system packages: apt-get failed (exit $status) installing ${need[*]}; what needs them is skipped" >&2
exit "$status"
