"""A question's cosine similarity with every passage, on both cores for a big course.

The encoder holds BLAS to one thread for the whole process (bot.search.semantic says
why), so `embeddings @ vector` runs on one core: on a 1,000-hour course that is some
120 MB of vectors read for every question. Here a large product is cut into blocks of
rows that the calling thread and a few pool threads take in turn; numpy lets go of the
GIL inside BLAS, so each thread keeps a core busy. The caller works too and takes
whatever blocks are left, so when the other core is busy elsewhere a question costs
what it did on one thread, not more. Each row is the same dot product either way.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from bot.search.index import FloatArray

# From about this many passages (30 MB of vectors, some 250 hours of captions) the vectors
# no longer stay in the CPU's cache and each question reads them from memory, which two
# threads do in about half the time while the other core is free (medians here: 20,000
# rows 1.6 ms on one thread and 0.9 ms on two; 50,000 rows 5.5 and 2.9 ms; 160,000 rows
# 18.9 and 10.2 ms). Below it the product is short: 10,000 rows took 0.27 ms on one
# thread and 0.38 ms on two.
PARALLEL_FROM = 20_000
# Rows a thread takes at a time (6 MB of vectors): small enough that the threads finish
# close together, large enough that each call to BLAS is worth making. A multiple of 64,
# so BLAS groups rows within a block as it would over the whole matrix.
BLOCK_ROWS = 4096
THREADS = max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                     else (os.cpu_count() or 1), 4))

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def similarities(embeddings: FloatArray, vector: FloatArray, *,
                 parallel_from: int = PARALLEL_FROM, threads: int = THREADS) -> FloatArray:
    """`embeddings @ vector`, in blocks on `threads` threads once there are
    `parallel_from` rows or more."""
    rows = len(embeddings)
    if rows < parallel_from or threads < 2:
        product: FloatArray = embeddings @ vector
        return product
    out = np.empty(rows, dtype=np.float32)
    # A deque pops from either end safely across threads: each block is taken once.
    blocks = deque(range(0, rows, BLOCK_ROWS))

    def work() -> None:
        while True:
            try:
                start = blocks.popleft()
            except IndexError:
                return
            end = min(start + BLOCK_ROWS, rows)
            np.matmul(embeddings[start:end], vector, out=out[start:end])

    helpers = [_shared_pool().submit(work) for _ in range(threads - 1)]
    work()
    for helper in helpers:
        # A helper that never got a core has nothing left to do: no need to wait for it.
        if not helper.cancel():
            helper.result()
    return out


def _shared_pool() -> ThreadPoolExecutor:
    """One pool for the process, made on first use and kept: a thread per search
    would cost more than a block of rows takes."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max(THREADS - 1, 1), thread_name_prefix="similarity")
        return _pool
