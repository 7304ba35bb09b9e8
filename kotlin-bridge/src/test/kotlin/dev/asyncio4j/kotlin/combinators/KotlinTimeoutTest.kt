package dev.asyncio4j.kotlin.combinators

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.TimeoutError
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.currentTask
import dev.asyncio4j.kotlin.sleep
import dev.asyncio4j.kotlin.withAsyncioTimeout
import dev.asyncio4j.kotlin.asCompleted
import dev.asyncio4j.kotlin.wait
import dev.asyncio4j.kotlin.waitFor
import dev.asyncio4j.kotlin.withAsyncioTimeoutAt
import kotlinx.coroutines.launch
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** CPython 3.12's test_timeouts for Kotlin Tasks: `withAsyncioTimeout` runs inline in the current Task. */
class KotlinTimeoutTest {
    @Test
    fun basic(): Unit = asyncioRun {
        val loop = Asyncio.getRunningLoop()
        val t0 = loop.time()
        val e = assertRaises<TimeoutError> { withAsyncioTimeout(0.01) { sleep(10.0) } }
        assertInstanceOf(CancelledError::class.java, e.cause)
        assertTrue(loop.time() - t0 >= 0.01)
        assertEquals(0, currentTask()!!.cancelling())
        sleep(0.01) // the Task is not cancelled any more
    }

    @Test
    fun `at basic and disabled`(): Unit = asyncioRun {
        val loop = Asyncio.getRunningLoop()
        assertRaises<TimeoutError> { withAsyncioTimeoutAt(loop.time() + 0.01) { sleep(10.0) } }
        assertEquals("ok", withAsyncioTimeout(Double.POSITIVE_INFINITY) { sleep(0.01, "ok") })
        assertEquals("ok", withAsyncioTimeout(10.0) { sleep(0.01, "ok") })
    }

    @Test
    fun `zero and past deadlines expire at the first await`(): Unit = asyncioRun {
        assertRaises<TimeoutError> { withAsyncioTimeout(0.0) { sleep(0.0) } }
        assertRaises<TimeoutError> { withAsyncioTimeout(-11.0) { sleep(0.0) } }
    }

    @Test
    fun `nested timeouts only the topmost raises TimeoutError`(): Unit = asyncioRun {
        val deadline = Asyncio.getRunningLoop().time() + 0.01
        var cancelled = false
        assertRaises<TimeoutError> {
            withAsyncioTimeoutAt(deadline) {
                try {
                    withAsyncioTimeoutAt(deadline) { sleep(10.0) }
                } catch (e: CancelledError) {
                    cancelled = true
                    throw e
                }
            }
        }
        assertTrue(cancelled)
    }

    @Test
    fun `inner timeout fires inside a longer outer one`(): Unit = asyncioRun {
        val r = withAsyncioTimeout(10.0) {
            assertRaises<TimeoutError> { withAsyncioTimeout(0.01) { sleep(10.0) } }
            "outer continues"
        }
        assertEquals("outer continues", r)
    }

    @Test
    fun `foreign cancel does not time out if not expired`(): Unit = asyncioRun {
        val me = currentTask()!!
        assertRaises<CancelledError> {
            withAsyncioTimeout(10.0) {
                me.cancel()
                sleep(10.0)
            }
        }
        me.uncancel()
    }

    @Test
    fun `foreign exception passes`(): Unit = asyncioRun {
        assertRaises<IllegalArgumentException> { withAsyncioTimeout(0.01) { throw IllegalArgumentException("key") } }
        assertRaises<ArithmeticException> {
            withAsyncioTimeout(0.01) {
                try {
                    sleep(1.0)
                } finally {
                    throw ArithmeticException()
                }
            }
        }
    }

    @Test
    fun `outer task is not cancelled`(): Unit = asyncioRun {
        val task = createTask { assertRaises<TimeoutError> { withAsyncioTimeout(0.001) { sleep(10.0) } } }
        task.await()
        assertFalse(task.isCancelled)
    }

    @Test
    fun `cancel in timeout after a handled cancellation`(): Unit = asyncioRun {
        try {
            currentTask()!!.cancel()
            sleep(1.0)
        } catch (e: CancelledError) {
            // handled
        } finally {
            assertRaises<CancelledError> {
                withAsyncioTimeout(1.0) {
                    currentTask()!!.cancel()
                    sleep(2.0)
                }
            }
        }
    }

    @Test
    fun `timeout after a handled cancellation`(): Unit = asyncioRun {
        try {
            currentTask()!!.cancel()
            sleep(1.0)
        } catch (e: CancelledError) {
            // handled
        } finally {
            assertRaises<TimeoutError> { withAsyncioTimeout(0.0) { sleep(1.0) } }
        }
    }

    @Test
    fun `a Java task awaited inside a Kotlin timeout is cancelled by it`(): Unit = asyncioRun {
        val loop = Asyncio.getRunningLoop()
        val javaTask = loop.createTask<String> { Asyncio.await(Asyncio.sleep(10.0, "late")) }
        assertRaises<TimeoutError> { withAsyncioTimeout(0.01) { javaTask.await() } }
        assertRaises<CancelledError> { javaTask.await() }
        assertTrue(javaTask.isCancelled)
    }

    @Test
    fun `only a Task's own coroutine may use it`(): Unit = asyncioRun {
        var seen: Throwable? = null
        launch {
            try {
                withAsyncioTimeout(1.0) { }
            } catch (e: IllegalStateException) {
                seen = e
            }
        }.join()
        assertInstanceOf(IllegalStateException::class.java, seen)
    }

    @Test
    fun `a kotlinx delay inside the block is interrupted too`() {
        val r = asyncioRun {
            val task = createTask {
                assertRaises<TimeoutError> { withAsyncioTimeout(0.01) { kotlinx.coroutines.delay(10_000) } }
                sleep(0.0, "asyncio awaits still work")
            }
            task.await()
        }
        assertEquals("asyncio awaits still work", r)
    }

    @Test
    fun `a block that returns a pending Future instead of awaiting it is refused`(): Unit = asyncioRun {
        val leftOver = Asyncio.sleep(10.0)
        val e = assertRaises<IllegalArgumentException> {
            val notAwaited = withAsyncioTimeout(0.2) { leftOver }
            println("unreachable: $notAwaited")
        }
        assertTrue(e.message!!.contains("returned a pending Future"), e.message)
        assertTrue(e.message!!.contains(".await()"), e.message)
        assertEquals(0, currentTask()!!.cancelling())
        leftOver.cancel()
        assertEquals("awaited", withAsyncioTimeout(0.2) { Asyncio.sleep(0.001, "awaited").await() })
    }

    @Test
    fun `timeouts take a Kotlin Duration`(): Unit = asyncioRun {
        assertEquals("ok", withAsyncioTimeout(10.seconds) { sleep(0.0, "ok") })
        assertRaises<TimeoutError> { withAsyncioTimeout(1.milliseconds) { sleep(10.0) } }
        assertEquals("ok", withAsyncioTimeout(Duration.INFINITE) { sleep(0.001, "ok") })
        assertEquals("w", waitFor(Asyncio.sleep(0.0, "w"), 1.seconds))
        assertRaises<TimeoutError> { waitFor(Asyncio.sleep(10.0), 1.milliseconds) }
        assertEquals("b", waitFor(1.seconds) { "b" })
        val slow = Asyncio.sleep(10.0, "slow")
        assertEquals(setOf(slow), wait(listOf(slow), 1.milliseconds).pending())
        assertRaises<TimeoutError> { asCompleted(listOf(slow), 1.milliseconds).first().await() }
        slow.cancel()
    }
}
