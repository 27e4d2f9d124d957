# Processes freeing memory and exiting: 3 processes fill 3 x 3M under a 4M limit, then give pages
# back (MADV_DONTNEED) and exit; each frees its swap slots with no I/O (release entries name
# them). The remaining process's slots are read back and freed by swapoff.
swap limit=4M procs=3
alloc size=3M content=mix:text:0.25,zeros:0.3,same:0.35,binary:0.07,random:0.03 seed=21
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
