# Steady swap pressure: 2 processes fill 2 x 4M under a 3M memory cgroup limit (older pages are
# swapped out to the device while they fill), then touch cold pages again (swap-ins, each freeing
# its slot) while more is allocated. The end turns swap off: swapoff reads every slot still in use.
# Contents: mostly zero-filled, same-filled and sparse pages as in real anonymous memory, some
# text and binary, a few incompressible pages (bundle <= 3 MB).
swap limit=3M procs=2
alloc size=4M content=mix:text:0.25,zeros:0.3,same:0.35,binary:0.07,random:0.03 seed=11
sample
touch fraction=0.3 seed=1
sample
touch proc=0 fraction=0.5 seed=2
sample
alloc proc=1 size=1M content=mix:text:0.5,zeros:0.5 seed=12
touch fraction=0.3 seed=3
sample
