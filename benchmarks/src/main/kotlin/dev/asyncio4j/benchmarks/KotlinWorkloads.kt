package dev.asyncio4j.benchmarks

import dev.asyncio4j.Asyncio
import dev.asyncio4j.Future
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.gather
import dev.asyncio4j.kotlin.generator
import dev.asyncio4j.kotlin.sleep
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** The workloads as asyncio4j Kotlin Tasks (`suspend` blocks stepped by the loop, no extra threads). */
class KotlinWorkloads : Workloads {
    override fun callSoon(n: Int): Double {
        val loop = Asyncio.newEventLoop()
        var count = 0
        val cb = Runnable { count++ }
        try {
            val start = System.nanoTime()
            repeat(n) { loop.callSoon(cb) }
            loop.callSoon { loop.stop() }
            loop.runForever()
            val elapsed = secondsSince(start)
            check(count == n) { "callbacks run: $count" }
            return elapsed
        } finally {
            loop.close()
        }
    }

    override fun spawn(n: Int): Double = asyncioRun {
        val start = System.nanoTime()
        val tasks = List(n) { createTask { null } }
        gatherAll(tasks)
        secondsSince(start)
    }

    override fun cacheHit(n: Int, eager: Boolean): Double {
        val cache = HashMap<Int, Int>()
        for (k in 0 until Workloads.CACHE_KEYS) cache[k] = k * 2
        return asyncioRun {
            if (eager) Asyncio.getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory())
            val start = System.nanoTime()
            val tasks = List(n) { i ->
                val key = i % Workloads.CACHE_KEYS
                createTask {
                    cache[key] ?: run {
                        sleep(0.0)
                        key * 2
                    }
                }
            }
            gatherAll(tasks)
            val elapsed = secondsSince(start)
            check(tasks[n - 1].result() == ((n - 1) % Workloads.CACHE_KEYS) * 2) { "last result" }
            elapsed
        }
    }

    override fun switchTasks(n: Int): Double = asyncioRun {
        val start = System.nanoTime()
        val tasks = List(Workloads.SWITCH_TASKS) { createTask { repeat(n) { sleep(0.0) } } }
        gatherAll(tasks)
        secondsSince(start)
    }

    override fun timers(n: Int): Double = asyncioRun {
        val start = System.nanoTime()
        val tasks = List(n) { createTask { sleep(1.0) } }
        gatherAll(tasks)
        secondsSince(start)
    }

    override fun queue(n: Int): Double = kotlinQueueWorkload(n)

    override fun crossThread(n: Int): Double {
        val loop = Asyncio.newEventLoop()
        val total = n * Workloads.CROSS_THREADS
        val done: Future<Unit> = loop.createFuture()
        var count = 0
        val cb = Runnable { if (++count == total) done.setResult(Unit) }
        try {
            val start = System.nanoTime()
            val threads = List(Workloads.CROSS_THREADS) {
                Thread { repeat(n) { loop.callSoonThreadsafe(cb) } }.also(Thread::start)
            }
            loop.runUntilComplete(done)
            val elapsed = secondsSince(start)
            threads.forEach(Thread::join)
            return elapsed
        } finally {
            loop.close()
        }
    }

    override fun crawler(n: Int, url: URI): Double {
        val request = HttpRequest.newBuilder(url).GET().build()
        return asyncioRun {
            val start = System.nanoTime()
            val tasks = List(n) {
                createTask {
                    val response = Asyncio.wrapFuture(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())).await()
                    check(response.statusCode() == 200) { "status ${response.statusCode()}" }
                    response.body().length
                }
            }
            gatherAll(tasks)
            secondsSince(start)
        }
    }

    private companion object {
        val HTTP: HttpClient = HttpClients.SHARED
    }

    override fun genSend(n: Int): Double {
        val start = System.nanoTime()
        // Tutorial 4's consumer: sums the squares it is sent, yields the running sum.
        val consumer = generator<Long, Int> {
            var sum = 0L
            while (true) {
                val m = yield(sum) ?: return@generator
                sum += m.toLong() * m
            }
        }
        consumer.send(null)
        var res = 0L
        for (i in 0 until n) res = consumer.send(i % 1_000_000)
        consumer.close()
        val elapsed = secondsSince(start)
        check(res > 0) { "sum $res" }
        return elapsed
    }
}

/** `await asyncio.gather(*tasks)`. */
internal suspend fun <T> gatherAll(tasks: List<Task<T>>): List<T> = gather(tasks)

internal fun secondsSince(startNanos: Long): Double = (System.nanoTime() - startNanos) / 1e9
