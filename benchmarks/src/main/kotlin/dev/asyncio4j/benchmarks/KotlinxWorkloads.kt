package dev.asyncio4j.benchmarks

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.await
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.newSingleThreadContext
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.CountDownLatch
import kotlin.coroutines.EmptyCoroutineContext

/**
 * The workloads in raw kotlinx.coroutines on one single-threaded dispatcher (`newSingleThreadContext`): `launch`,
 * `yield()`, `delay()`, `Channel` — the floor asyncio4j's Kotlin Tasks are measured against.
 */
@OptIn(DelicateCoroutinesApi::class, ExperimentalCoroutinesApi::class)
class KotlinxWorkloads : Workloads {
    private fun <T> onOneThread(block: suspend CoroutineScope.() -> T): T {
        val dispatcher: ExecutorCoroutineDispatcher = newSingleThreadContext("kotlinx-bench")
        try {
            return runBlocking(dispatcher, block)
        } finally {
            dispatcher.close()
        }
    }

    override fun callSoon(n: Int): Double {
        val dispatcher = newSingleThreadContext("kotlinx-bench")
        try {
            var count = 0
            val done = CountDownLatch(1)
            val cb = Runnable { count++ }
            val start = System.nanoTime()
            // Raw kotlinx has no "not yet running" loop: dispatch from the dispatcher's own thread, as callSoon does.
            dispatcher.dispatch(EmptyCoroutineContext, Runnable {
                repeat(n) { dispatcher.dispatch(EmptyCoroutineContext, cb) }
                dispatcher.dispatch(EmptyCoroutineContext, Runnable { done.countDown() })
            })
            done.await()
            val elapsed = secondsSince(start)
            check(count == n) { "callbacks run: $count" }
            return elapsed
        } finally {
            dispatcher.close()
        }
    }

    override fun spawn(n: Int): Double = onOneThread {
        val start = System.nanoTime()
        val jobs = List(n) { launch { } }
        jobs.joinAll()
        secondsSince(start)
    }

    override fun switchTasks(n: Int): Double = onOneThread {
        val start = System.nanoTime()
        val jobs = List(Workloads.SWITCH_TASKS) { launch { repeat(n) { yield() } } }
        jobs.joinAll()
        secondsSince(start)
    }

    override fun timers(n: Int): Double = onOneThread {
        val start = System.nanoTime()
        val jobs = List(n) { launch { delay(1000) } }
        jobs.joinAll()
        secondsSince(start)
    }

    override fun queue(n: Int): Double = onOneThread {
        val channel = Channel<Int>(Workloads.QUEUE_MAXSIZE)
        val start = System.nanoTime()
        val producer = launch { for (i in 0 until n) channel.send(i) }
        val consumer = launch { repeat(n) { channel.receive() } }
        joinAll(producer, consumer)
        secondsSince(start)
    }

    override fun crossThread(n: Int): Double {
        val dispatcher = newSingleThreadContext("kotlinx-bench")
        try {
            val total = n * Workloads.CROSS_THREADS
            var count = 0
            val done = CountDownLatch(1)
            val cb = Runnable { if (++count == total) done.countDown() }
            val start = System.nanoTime()
            val threads = List(Workloads.CROSS_THREADS) {
                Thread { repeat(n) { dispatcher.dispatch(EmptyCoroutineContext, cb) } }.also(Thread::start)
            }
            done.await()
            val elapsed = secondsSince(start)
            threads.forEach(Thread::join)
            return elapsed
        } finally {
            dispatcher.close()
        }
    }

    override fun crawler(n: Int, url: URI): Double {
        val request = HttpRequest.newBuilder(url).GET().build()
        return onOneThread {
            val start = System.nanoTime()
            val jobs = List(n) {
                launch {
                    val response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).await()
                    check(response.statusCode() == 200) { "status ${response.statusCode()}" }
                }
            }
            jobs.joinAll()
            secondsSince(start)
        }
    }

    private companion object {
        val HTTP: HttpClient = HttpClients.SHARED
    }
}
