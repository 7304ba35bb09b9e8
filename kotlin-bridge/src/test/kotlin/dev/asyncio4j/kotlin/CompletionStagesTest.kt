package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.util.concurrent.CancellationException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

class CompletionStagesTest {
    private lateinit var loop: EventLoop
    private lateinit var thread: Thread

    @BeforeEach
    fun start() {
        loop = Asyncio.newEventLoop()
        thread = Thread(loop::runForever, "stages-loop")
        thread.start()
    }

    @AfterEach
    fun stop() {
        loop.callSoonThreadsafe(loop::stop)
        thread.join(5000)
        loop.close()
    }

    @Test
    fun awaitThreadsafeFromAnotherDispatcher() = runBlocking(Dispatchers.IO) {
        val task = Asyncio.runCoroutineThreadsafe({
            Asyncio.await(Asyncio.sleep(0.01))
            Asyncio.currentTask()
        }, loop).get(5, TimeUnit.SECONDS)
        @Suppress("UNCHECKED_CAST")
        val same = (task as Task<Any?>).awaitThreadsafe()
        assertSame(task, same)
    }

    @Test
    fun cancellingTheAwaitingCoroutineCancelsTheTask() = runBlocking(Dispatchers.IO) {
        val started = CountDownLatch(1)
        val cleanedUp = CountDownLatch(1)
        val task: Task<String> = loop.future {
            Asyncio.getRunningLoop().createTask {
                try {
                    started.countDown()
                    Asyncio.await(Asyncio.sleep(30.0))
                    "never"
                } finally {
                    cleanedUp.countDown()
                }
            }
        }.get(5, TimeUnit.SECONDS)
        // UNDISPATCHED: the waiter is suspended in awaitThreadsafe() before we cancel it
        val waiter = async(start = CoroutineStart.UNDISPATCHED) { task.awaitThreadsafe() }
        assertTrue(started.await(5, TimeUnit.SECONDS))
        waiter.cancelAndJoin()
        assertTrue(cleanedUp.await(5, TimeUnit.SECONDS))
        // the bridge is cancelled at once; the Task finishes cancelled once its cleanup ran on the loop
        val cancelled = Asyncio.runCoroutineThreadsafe({
            while (!task.isDone) Asyncio.await(Asyncio.sleep(0.0))
            task.isCancelled
        }, loop).get(5, TimeUnit.SECONDS)
        assertTrue(cancelled)
    }

    @Test
    fun failuresArriveUnwrapped() = runBlocking(Dispatchers.IO) {
        val future = loop.future {
            val f = Asyncio.getRunningLoop().createFuture<Int>()
            f.setException(IllegalArgumentException("bad"))
            f
        }.get(5, TimeUnit.SECONDS)
        val e = assertThrows(IllegalArgumentException::class.java) { runBlocking { future.awaitThreadsafe() } }
        assertEquals("bad", e.message)
        val cancelled = loop.future {
            val f = Asyncio.getRunningLoop().createFuture<Int>()
            f.cancel()
            f
        }.get(5, TimeUnit.SECONDS)
        assertThrows(CancellationException::class.java) { runBlocking { cancelled.awaitThreadsafe() } }
        Unit
    }

    @Test
    fun futureRunsOnTheLoopAndDelayUsesItsTimers() {
        val cf = loop.future {
            val l = Asyncio.getRunningLoop()
            val start = l.time()
            delay(30)
            yield()
            Triple(l, l.time() - start, Thread.currentThread())
        }
        val (seen, elapsed, _) = cf.get(5, TimeUnit.SECONDS)
        assertSame(loop, seen)
        assertTrue(elapsed >= 0.03, "delay(30) took $elapsed s of loop time")
    }

    @Test
    fun cancellingTheCompletableFutureCancelsTheCoroutine() {
        val entered = CountDownLatch(1)
        val cancelledInside = CountDownLatch(1)
        val cf = loop.future {
            try {
                entered.countDown()
                delay(30_000)
            } catch (e: kotlinx.coroutines.CancellationException) {
                cancelledInside.countDown()
                throw e
            }
        }
        assertTrue(entered.await(5, TimeUnit.SECONDS))
        cf.cancel(false)
        assertTrue(cancelledInside.await(5, TimeUnit.SECONDS))
    }

    @Test
    fun dispatcherDelaysFromAnotherThreadRespectTimeouts() = runBlocking(loop.asCoroutineDispatcher()) {
        assertSame(loop, Asyncio.getRunningLoop())
        assertThrows(kotlinx.coroutines.TimeoutCancellationException::class.java) {
            runBlocking { withTimeout(10) { delay(1000) } }
        }
        Unit
    }
}
