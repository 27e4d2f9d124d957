# Writes, then discards of many shapes: every other 4 KiB page, 64 KiB pieces, a range that was
# never written, write-zeroes over live data, and the whole written area at the end.
write start=0 size=3M bs=256K content=mix:text:0.5,binary:0.3,same:0.2 seed=21
discard off=0 len=1M bs=4K stride=8K
sample
discard off=1M len=1M bs=64K
discard off=8M len=2M
zeroout off=2M len=512K bs=128K
sample
write start=0 size=1M bs=64K content=mix:text:0.7,zeros:0.3 seed=22
discard off=0 len=4M
