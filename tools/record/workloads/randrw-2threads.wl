# Random 4 KiB writes, overwrites and reads from 2 threads over 8 MiB (thread t owns the pages
# with index % 2 == t). The first step fills, the second overwrites and reads.
randwrite start=0 size=8M count=300 bs=4K threads=2 content=mix:text:0.6,binary:0.2,zeros:0.1,same:0.1 seed=11
sample
randrw start=0 size=8M count=900 bs=4K read=0.4 threads=2 content=mix:text.json:0.5,binary:0.2,same:0.2,random:0.1 seed=12
