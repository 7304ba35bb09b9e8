package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.internal.VirtualTimeLoop
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout as kotlinxWithTimeout
import kotlinx.coroutines.yield
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

class KotlinTaskTest {
    private lateinit var loop: EventLoop

    @BeforeEach
    fun setUp() {
        loop = Asyncio.newEventLoop()
    }

    @AfterEach
    fun tearDown() {
        if (!loop.isClosed) loop.close()
    }

    @Test
    fun `a Kotlin task is a real Task`() {
        var inside: Task<*>? = null
        val t = loop.launchTask("kt") {
            inside = currentTask()
            sleep(0.01)
            41 + 1
        }
        assertEquals("<Task pending name='kt'>", t.toString())
        assertEquals(42, loop.runUntilComplete(t))
        assertSame(t, inside)
        assertEquals("<Task finished name='kt' result=42>", t.toString())
    }

    @Test
    fun `Java and Kotlin tasks await each other`() {
        val result = loop.runUntilComplete<String> {
            val kotlinTask = Asyncio.getRunningLoop().launchTask {
                val javaTask = Asyncio.createTask { Asyncio.await(Asyncio.sleep(0.01, "java")) }
                javaTask.await() + "+kotlin"
            }
            Asyncio.await(kotlinTask) + "+java again"
        }
        assertEquals("java+kotlin+java again", result)
    }

    @Test
    fun `delay uses the loop timers and keeps the task current`() {
        val order = mutableListOf<String>()
        val t = loop.launchTask {
            val start = loop.time()
            loop.callLater(0.02) { order.add("timer 0.02") }
            delay(50)
            order.add("after delay")
            assertTrue(loop.time() - start >= 0.05)
            currentTask()
        }
        assertSame(t, loop.runUntilComplete(t))
        assertEquals(listOf("timer 0.02", "after delay"), order)
    }

    @Test
    fun `first steps run later in creation order and sleep(0) is one iteration`() {
        val order = mutableListOf<String>()
        loop.callSoon {
            val k1 = loop.launchTask { order.add("k1"); sleep(0.0); order.add("k1 again") }
            val j2 = loop.createTask<Any?> { order.add("j2"); null }
            order.add("creator")
            // Stop when both are done: an ordering, not a wall-clock deadline (a loaded machine is slow).
            for (t in listOf<Task<*>>(k1, j2)) t.addDoneCallback { if (k1.isDone && j2.isDone) loop.stop() }
        }
        loop.callLater(60.0) { loop.stop() } // only if a task never finishes: the assertion below then says so
        loop.runForever()
        assertEquals(listOf("creator", "k1", "j2", "k1 again"), order)
    }

    @Test
    fun `cancelling a Kotlin task at an await is a catchable one-shot request`() {
        val log = mutableListOf<String>()
        val t = loop.launchTask {
            try {
                sleep(10.0)
            } catch (e: CancelledError) {
                log.add("caught ${e.message}")
            }
            sleep(0.01)
            "continued"
        }
        loop.callLater(0.01) { t.cancel("please") }
        assertEquals("continued", loop.runUntilComplete(t))
        assertEquals(listOf("caught please"), log)
    }

    @Test
    fun `cancelling a Kotlin task inside kotlinx delay cancels it`() {
        val t = loop.launchTask {
            delay(10_000)
            "never"
        }
        loop.callLater(0.01) { t.cancel() }
        assertThrows(CancelledError::class.java) { loop.runUntilComplete(t) }
        assertTrue(t.isCancelled)
    }

    @Test
    fun `cancel before the first step never runs the block`() {
        var ran = false
        val t = loop.launchTask { ran = true }
        t.cancel()
        assertThrows(CancelledError::class.java) { loop.runUntilComplete(t) }
        assertFalse(ran)
    }

    @Test
    fun `an exception escaping the block fails the task and arrives unwrapped`() {
        val t = loop.launchTask<Int> { throw java.io.IOException("checked in Java terms") }
        val seen = loop.runUntilComplete<String> {
            try {
                Asyncio.await(t)
                "no"
            } catch (e: java.util.concurrent.CompletionException) {
                "java sees " + e.cause
            }
        }
        assertEquals("java sees java.io.IOException: checked in Java terms", seen)
        val fromKotlin = loop.runUntilComplete(loop.launchTask {
            try {
                t.await()
            } catch (e: java.io.IOException) {
                "kotlin sees ${e.message}"
            }
        })
        assertEquals("kotlin sees checked in Java terms", fromKotlin)
    }

    @Test
    fun `children launched in the task scope run on the loop`() {
        val t = loop.launchTask {
            val child = async { sleep(0.01); currentTask() }
            val fromChild = child.await()
            launch { yield() }.join()
            fromChild
        }
        loop.runUntilComplete(t)
        // a child coroutine is not the Task itself
        assertFalse(t.result() === t)
    }

    @Test
    fun `kotlinx withTimeout works inside a task on the loop clock`() {
        val t = loop.launchTask {
            try {
                kotlinxWithTimeout(20) { delay(10_000) }
                "no"
            } catch (e: kotlinx.coroutines.TimeoutCancellationException) {
                "timed out"
            }
        }
        assertEquals("timed out", loop.runUntilComplete(t))
    }

    @Test
    fun `asyncioRun runs a suspend main and cancels leftovers`() {
        val log = mutableListOf<String>()
        val result = asyncioRun {
            createTask {
                try {
                    sleep(100.0)
                } finally {
                    log.add("leftover cleaned up")
                }
            }
            sleep(0.0)
            "main done"
        }
        assertEquals("main done", result)
        assertEquals(listOf("leftover cleaned up"), log)
    }

    @Test
    fun `Future await from a foreign coroutine is thread-safe and cancellation cancels the Future`() {
        val f = loop.createFuture<String>()
        val pending = loop.createFuture<String>()
        val results = CompletableFuture<String>()
        val cancelledSeen = CompletableFuture<Boolean>()
        loop.callSoon {
            Thread {
                runBlocking {
                    results.complete(f.await())
                    val job = launch(start = CoroutineStart.UNDISPATCHED) { pending.await() }
                    job.cancel()
                    job.join()
                }
            }.start()
            loop.callLater(0.02) { f.setResult("from the loop") }
            pending.addDoneCallback { cancelledSeen.complete(it.isCancelled) }
        }
        val stopper = loop.createFuture<Unit>()
        loop.callSoon { pending.addDoneCallback { stopper.setResult(Unit) } }
        loop.runUntilComplete(stopper)
        assertEquals("from the loop", results.get(5, TimeUnit.SECONDS))
        assertTrue(cancelledSeen.get(5, TimeUnit.SECONDS))
    }

    @Test
    fun `Future and Deferred convert both ways`() {
        val viaDeferred = CompletableFuture<Int>()
        val t = loop.launchTask {
            val f = Asyncio.sleep(0.01, 5)
            val d = f.asDeferred()
            val back = d.asFuture(loop)
            val scope = CoroutineScope(loop.dispatcher)
            val fromDeferred = scope.async { 10 }.asFuture(loop)
            back.await() + fromDeferred.await()
        }
        loop.runUntilComplete(t)
        viaDeferred.complete(t.result())
        assertEquals(15, viaDeferred.get())
    }

    @Test
    fun `cancelling a Deferred made from a Future cancels the Future`() {
        val f = loop.createFuture<Int>()
        val done = loop.createFuture<Unit>()
        f.addDoneCallback { done.setResult(Unit) }
        loop.callSoon { f.asDeferred().cancel() }
        loop.runUntilComplete(done)
        assertTrue(f.isCancelled)
    }

    @Test
    fun `the dispatcher runs kotlinx coroutines on the loop from any thread`() {
        val ran = CompletableFuture<Boolean>()
        val finished = loop.createFuture<Unit>()
        loop.callSoon {
            Thread {
                CoroutineScope(loop.dispatcher).launch {
                    ran.complete(Asyncio.getRunningLoop() === loop)
                    finished.setResult(Unit)
                }
            }.start()
        }
        loop.runUntilComplete(finished)
        assertTrue(ran.get(5, TimeUnit.SECONDS))
    }

    @Test
    fun `100,000 Kotlin tasks sleep concurrently and none is lost`() {
        // In virtual time: the sleeps overlapped if the loop's clock ends at the longest one (0.209 s), not at
        // their sum; no wall-clock bound (the machine's speed proves nothing).
        val virtual = VirtualTimeLoop()
        try {
            val n = 100_000
            var finished = 0
            val late = ArrayList<Int>()
            val main = virtual.launchTask {
                val tasks = (0 until n).map { i ->
                    createTask {
                        val deadline = 0.2 + (i % 10) * 0.001
                        sleep(deadline)
                        if (virtual.time() != deadline) late.add(i)
                        finished++
                        i
                    }
                }
                var sum = 0L
                for (t in tasks) sum += t.await()
                sum
            }
            assertEquals(n.toLong() * (n - 1) / 2, virtual.runUntilComplete(main))
            assertEquals(n, finished)
            assertEquals(emptyList<Int>(), late.take(10), "tasks that woke after their deadline")
            assertEquals(0.209, virtual.time(), 1e-9)
        } finally {
            virtual.close()
        }
    }
}
