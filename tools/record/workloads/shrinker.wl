# Global reclaim on purpose: fragment the pool (fill, then free every other page), let
# `drop_caches 2` run every shrinker (this device's zsmalloc shrinker compacts the pool), write
# into the compacted pool from two threads, fragment again and reclaim once more.
write start=0 size=2M bs=128K content=mix:text:0.8,binary:0.2 seed=61
discard off=0 len=2M bs=4K stride=8K
sample
drop_caches 2
sample
randwrite start=0 size=2M count=200 bs=4K threads=2 content=mix:text:0.5,binary:0.5 seed=62
discard off=512K len=1M bs=4K stride=12K
sample
drop_caches
sample
