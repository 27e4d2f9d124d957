# Fragment the pool (fill, then free every other page), compact through sysfs in the middle of
# the run, then keep writing into the compacted pool.
write start=0 size=2M bs=128K content=mix:text:0.6,binary:0.4 seed=41
discard off=0 len=2M bs=4K stride=8K
sample
compact
sample
randwrite start=0 size=2M count=300 bs=4K threads=2 content=mix:text:0.5,binary:0.5 seed=42
compact
