# Sequential 128 KiB writes of mixed contents over 4 MiB, then a read back in 64 KiB requests.
write start=0 size=4M bs=128K content=mix:text:0.4,binary:0.25,zeros:0.15,same:0.12,random:0.08 seed=1
sample
read start=0 size=4M bs=64K
