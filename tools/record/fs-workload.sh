#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# External command for `zram-ref record -- tools/record/fs-workload.sh`: ext4 on $DEV, files
# copied and deleted, fstrim, unmount. `record` reads each write back as it completes (traces/README.md,
# "Filesystem recipe"); mkfs zeroes the journal and inode tables with BLKZEROOUT (plain writes in v7).
set -eu
: "${DEV:?DEV must name the device}"
mnt=$(mktemp -d /tmp/zram-ref-fs.XXXXXX)
trap 'umount "$mnt" 2>/dev/null || true; rmdir "$mnt"' EXIT
mkfs.ext4 -q -F -E nodiscard,lazy_itable_init=0,lazy_journal_init=0 -b 4096 "$DEV"
mount -o noatime "$DEV" "$mnt"
mkdir "$mnt/a" "$mnt/b"
cp -r /usr/share/common-licenses "$mnt/a/"
find /usr/share/doc -maxdepth 2 -name 'copyright' | head -150 | while read -r f; do
  cp "$f" "$mnt/b/$(echo "$f" | tr / _)"
done
head -c 262144 /usr/bin/python3 > "$mnt/a/binary"
sync
rm -rf "$mnt/b"
sync
fstrim -v "$mnt"
umount "$mnt"
