# Processes freeing memory and exiting: 3 processes fill 3 x 6M under a 6M limit, then give pages
# back (MADV_DONTNEED) and exit; each frees its swap slots with no I/O (release entries name
# them). The remaining process's slots are read back and freed by swapoff.
swap limit=6M procs=3
alloc size=6M content=mix:text:0.6,zeros:0.2,binary:0.15,random:0.05 seed=21
sample
free proc=0 fraction=0.5 seed=1
sample
exit proc=1
sample
touch proc=2 fraction=0.3 seed=2
free proc=2 fraction=0.3 seed=3
sample
exit proc=0
sample
swapoff
sample
exit
