package dev.asyncio4j.benchmarks

/** The queue workload in Kotlin Tasks: waits for `dev.asyncio4j.Queue` (issue 4); see benchmarks/pending/. */
internal fun kotlinQueueWorkload(n: Int): Double =
    throw UnsupportedOperationException("dev.asyncio4j.Queue is not on this branch yet (issue 4)")
