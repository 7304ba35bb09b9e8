package dev.asyncio4j.benchmarks

import dev.asyncio4j.Queue
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.gather
import dev.asyncio4j.kotlin.getAwait
import dev.asyncio4j.kotlin.putAwait

/** The queue workload in Kotlin Tasks: one producer, one consumer, a bounded [Queue]. */
internal fun kotlinQueueWorkload(n: Int): Double = asyncioRun {
    val q = Queue<Int>(Workloads.QUEUE_MAXSIZE)
    val start = System.nanoTime()
    val producer = createTask { for (i in 0 until n) q.putAwait(i) }
    val consumer = createTask { repeat(n) { q.getAwait() } }
    gather(producer, consumer)
    secondsSince(start)
}
