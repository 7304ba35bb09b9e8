package dev.asyncio4j.kotlin

import dev.asyncio4j.kotlin.internal.BackgroundLoop
import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.currentTask
import dev.asyncio4j.kotlin.launchTask
import dev.asyncio4j.kotlin.runCoroutineThreadsafe
import dev.asyncio4j.kotlin.sleep
import dev.asyncio4j.kotlin.toThread
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.CancellationException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

/** The Kotlin surface of threads: `toThread` and `EventLoop.runCoroutineThreadsafe` for `suspend` blocks. */
class KotlinThreadsTest {
    @Test
    fun toThreadRunsOffTheLoopAndOverlaps() {
        // Each call returns only once all five are running at the same time: an ordering proof, not a clock's.
        val allRunning = CountDownLatch(5)
        val (loopThread, workers) = asyncioRun {
            val calls = (1..5).map {
                createTask {
                    toThread {
                        allRunning.countDown()
                        check(allRunning.await(30, TimeUnit.SECONDS)) { "the calls did not overlap" }
                        Thread.currentThread()
                    }
                }
            }
            val seen = calls.map { it.await() }
            Pair(Thread.currentThread(), seen)
        }
        workers.forEach { assertNotSame(loopThread, it) }
        assertEquals(5, workers.toSet().size)
    }

    @Test
    fun toThreadFailuresArriveAsThrown() {
        val e = assertThrows(IllegalArgumentException::class.java) {
            asyncioRun { toThread<Int> { throw IllegalArgumentException("bad") } }
        }
        assertEquals("bad", e.message)
    }

    @Test
    fun runCoroutineThreadsafeRunsAKotlinTaskOnABackgroundLoop() {
        BackgroundLoop.start().use { bg ->
            val f = bg.loop().runCoroutineThreadsafe("from-outside") {
                sleep(0.01)
                currentTask()!!.name
            }
            assertEquals("from-outside", f.get(5, TimeUnit.SECONDS))
            val failing = bg.loop().runCoroutineThreadsafe<Int> { throw IllegalStateException("boom") }
            val e = assertThrows(ExecutionException::class.java) { failing.get(5, TimeUnit.SECONDS) }
            assertInstanceOf(IllegalStateException::class.java, e.cause)
        }
    }

    @Test
    fun cancellingTheFutureCancelsTheKotlinTask() {
        BackgroundLoop.start().use { bg ->
            val started = CountDownLatch(1)
            val cancelledInside = CountDownLatch(1)
            val f = bg.loop().runCoroutineThreadsafe {
                try {
                    started.countDown()
                    sleep(30.0)
                } catch (e: CancellationException) {
                    cancelledInside.countDown()
                    throw e
                }
            }
            assertTrue(started.await(5, TimeUnit.SECONDS))
            assertTrue(f.cancel(false))
            assertTrue(cancelledInside.await(5, TimeUnit.SECONDS))
            val gone = bg.call {
                while (Asyncio.allTasks().size > 1) Asyncio.await(Asyncio.sleep(0.0))
                Asyncio.allTasks().size
            }
            assertEquals(1, gone)
        }
    }

    @Test
    fun cancelledBeforeTheLoopGotToItTheBlockNeverStarts() {
        val loop = Asyncio.newEventLoop()
        try {
            val ran = AtomicBoolean()
            val never = loop.runCoroutineThreadsafe { ran.set(true) }
            never.cancel(false)
            loop.runUntilComplete(loop.launchTask { sleep(0.0) })
            assertFalse(ran.get())
            assertTrue(Asyncio.allTasks(loop).isEmpty())
        } finally {
            loop.close()
        }
    }

    @Test
    fun aCancelledTaskEndsTheFutureWithCancelledError() {
        BackgroundLoop.start().use { bg ->
            val f = bg.loop().runCoroutineThreadsafe {
                currentTask()!!.cancel()
                sleep(1.0)
            }
            assertThrows(CancellationException::class.java) { f.get(5, TimeUnit.SECONDS) }
            assertInstanceOf(CancelledError::class.java, f.handle { _, e -> e }.join())
        }
    }
}
