# A tight mem_limit: writes go on until the kernel refuses one with EIO (ENOMEM inside zram);
# the failed write is recorded, the step stops there. Then overwrites under the limit, the
# limit lifted, and more writes.
mem_limit 256K
write start=0 size=2M bs=16K content=mix:text:0.6,binary:0.3,random:0.1 seed=31 on_error=stop
sample
write start=0 size=64K bs=4K content=mix:text:1 seed=32 on_error=continue
sample
mem_limit 0
mem_used_max
write start=1M size=512K bs=32K content=mix:binary:1 seed=33
