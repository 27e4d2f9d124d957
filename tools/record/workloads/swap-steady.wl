# Steady swap pressure: 2 processes fill 2 x 8M under a 6M memory cgroup limit (older pages are
# swapped out to the device while they fill), then touch cold pages again (swap-ins, each freeing
# its slot) while more is allocated. The end turns swap off: swapoff reads every slot still in use.
swap limit=6M procs=2
alloc size=8M content=mix:text:0.6,zeros:0.2,binary:0.15,random:0.05 seed=11
sample
touch fraction=0.3 seed=1
sample
touch proc=0 fraction=0.5 seed=2
sample
alloc proc=1 size=2M content=mix:text:0.7,zeros:0.3 seed=12
touch fraction=0.4 seed=3
sample
