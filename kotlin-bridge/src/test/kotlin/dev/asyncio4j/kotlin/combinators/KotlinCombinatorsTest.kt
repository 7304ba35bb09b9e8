package dev.asyncio4j.kotlin.combinators

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.ReturnWhen
import dev.asyncio4j.Task
import dev.asyncio4j.TimeoutError
import dev.asyncio4j.kotlin.asCompleted
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.internal.VirtualTimeLoop
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.currentTask
import dev.asyncio4j.kotlin.gather
import dev.asyncio4j.kotlin.gatherReturnExceptions
import dev.asyncio4j.kotlin.shield
import dev.asyncio4j.kotlin.sleep
import dev.asyncio4j.kotlin.wait
import dev.asyncio4j.kotlin.waitFor
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlinx.coroutines.CoroutineScope

/**
 * The combinators for Kotlin Tasks, and for Java and Kotlin Tasks awaiting each other through them. Every case runs in
 * virtual time: sleeps order the Tasks by the loop's clock, never by the machine's speed (under load, real time once
 * gave asCompleted's [1, 3] as [3, 1]).
 */
class KotlinCombinatorsTest {
    private fun <T> virtualRun(main: suspend CoroutineScope.() -> T): T =
        asyncioRun(loopFactory = { VirtualTimeLoop() }, main = main)

    @Test
    fun `gather keeps argument order whatever the completion order`() {
        val r = virtualRun {
            val tasks = (0 until 5).map { n -> createTask { sleep(0.01 * (5 - n), n) } }
            gather(tasks)
        }
        assertEquals(listOf(0, 1, 2, 3, 4), r)
    }

    @Test
    fun `gather of suspend blocks and of the same Future twice`(): Unit = virtualRun {
        assertEquals(listOf("a", "b"), gather({ sleep(0.02, "a") }, { "b" }))
        val t = createTask { "x" }
        assertEquals(listOf("x", "x"), gather(t, t))
    }

    @Test
    fun `first failure fails the gather while the others keep running`(): Unit = virtualRun {
        val slow = createTask { sleep(0.3, 1) }
        val bad = createTask<Int> {
            sleep(0.01)
            throw IllegalStateException("bad")
        }
        val e = assertRaises<IllegalStateException> { gather(slow, bad) }
        assertEquals("bad", e.message)
        assertFalse(slow.isDone)
        assertEquals(1, slow.await())
    }

    @Test
    fun `cancelling the Kotlin task awaiting a gather cancels every unfinished child`(): Unit = virtualRun {
        val children = (0 until 3).map { createTask { sleep(10.0) } }
        val waiter = createTask { gather(children) }
        sleep(0.0)
        waiter.cancel()
        assertRaises<CancelledError> { waiter.await() }
        sleep(0.0)
        assertTrue(children.all { it.isCancelled })
        assertTrue(waiter.isCancelled)
    }

    @Test
    fun `a cancelled child fails the gather with CancelledError`(): Unit = virtualRun {
        val child = createTask { sleep(10.0, 1) }
        val g = Asyncio.gather(child)
        sleep(0.0)
        child.cancel()
        assertRaises<CancelledError> { g.await() }
        assertFalse(g.isCancelled)
    }

    @Test
    fun `gatherReturnExceptions lists failures`(): Unit = virtualRun {
        val boom = IllegalStateException("boom")
        val ok = createTask { 1 }
        val bad = createTask<Int> { throw boom }
        val cancelled = createTask { sleep(10.0) }
        cancelled.cancel()
        val r = gatherReturnExceptions(listOf(ok, bad, cancelled))
        assertEquals(1, r[0])
        assertSame(boom, r[1])
        assertInstanceOf(CancelledError::class.java, r[2])
    }

    @Test
    fun `Java and Kotlin tasks gather each other`(): Unit = virtualRun {
        val loop = Asyncio.getRunningLoop()
        val kotlinChild = createTask { sleep(0.02, "kotlin") }
        val javaChild: Task<String> = loop.createTask { Asyncio.await(Asyncio.sleep(0.01, "java")) }
        val javaGatherer: Task<List<String>> = loop.createTask { Asyncio.await(Asyncio.gather(kotlinChild, javaChild)) }
        assertEquals(listOf("kotlin", "java"), gather(javaGatherer).single())
        assertEquals(listOf("java", "kotlin"), gather(javaChild, kotlinChild))
    }

    @Test
    fun `a Java task cancelled in a gather cancels Kotlin children`(): Unit = virtualRun {
        val loop = Asyncio.getRunningLoop()
        val kotlinChild = createTask { sleep(10.0) }
        val javaGatherer: Task<List<Unit>> = loop.createTask { Asyncio.await(Asyncio.gather(kotlinChild)) }
        sleep(0.0)
        sleep(0.0)
        javaGatherer.cancel()
        assertRaises<CancelledError> { javaGatherer.await() }
        assertTrue(kotlinChild.isCancelled)
    }

    @Test
    fun `waitFor cancels the inner Kotlin task and awaits its cancellation`(): Unit = virtualRun {
        var cleanedUp = false
        val inner = createTask {
            try {
                sleep(10.0)
            } catch (e: CancelledError) {
                sleep(0.01)
                cleanedUp = true
                throw e
            }
        }
        val loop = Asyncio.getRunningLoop()
        val t0 = loop.time()
        val e = assertRaises<TimeoutError> { waitFor(inner, 0.02) }
        assertTrue(loop.time() - t0 >= 0.03)
        assertTrue(cleanedUp)
        assertTrue(inner.isCancelled)
        assertInstanceOf(CancelledError::class.java, e.cause)
    }

    @Test
    fun `waitFor of a suspend block`(): Unit = virtualRun {
        assertEquals(5, waitFor(1.0) { sleep(0.01, 5) })
        assertRaises<TimeoutError> { waitFor(0.01) { sleep(10.0) } }
        assertEquals("forever", waitFor(null) { sleep(0.01, "forever") })
    }

    @Test
    fun `waitFor returns a value that a Kotlin task returns instead of being cancelled`(): Unit = virtualRun {
        val inner = createTask {
            try {
                sleep(10.0)
                0
            } catch (e: CancelledError) {
                42
            }
        }
        assertEquals(42, waitFor(inner, 0.01))
    }

    @Test
    fun `cancelling a Kotlin task in waitFor cancels the inner one`(): Unit = virtualRun {
        val inner = createTask { sleep(10.0) }
        val outer = createTask { waitFor(inner, 60.0) }
        sleep(0.0)
        outer.cancel()
        assertRaises<CancelledError> { outer.await() }
        assertTrue(inner.isCancelled)
    }

    @Test
    fun `Java waitFor on a Kotlin task`(): Unit = virtualRun {
        val loop = Asyncio.getRunningLoop()
        val inner = createTask { sleep(10.0) }
        val javaWaiter: Task<String> = loop.createTask {
            try {
                Asyncio.await(Asyncio.waitFor(inner, 0.01))
                "no"
            } catch (e: TimeoutError) {
                "timeout"
            }
        }
        assertEquals("timeout", javaWaiter.await())
        assertTrue(inner.isCancelled)
    }

    @Test
    fun `wait and asCompleted and shield`(): Unit = virtualRun {
        val a = createTask { sleep(0.01, "a") }
        val b = createTask { sleep(10.0, "b") }
        val r = wait(listOf(b, a), timeout = 1.0, returnWhen = ReturnWhen.FIRST_COMPLETED)
        assertEquals(setOf(a), r.done())
        assertEquals(setOf(b), r.pending())
        b.cancel()

        val order = asCompleted(listOf(createTask { sleep(0.03, 3) }, createTask { sleep(0.01, 1) })).map { it.await() }
        assertEquals(listOf(1, 3), order)

        val inner = createTask { sleep(0.03, "inner") }
        val holder = createTask { shield(inner) }
        sleep(0.0)
        holder.cancel()
        assertRaises<CancelledError> { holder.await() }
        assertFalse(inner.isCancelled)
        assertEquals("inner", inner.await())
        assertEquals("blk", shield { sleep(0.0, "blk") })
    }

    @Test
    fun `a Kotlin task cancelled while awaiting a plain Future sees CancelledError there`(): Unit = virtualRun {
        val loop = Asyncio.getRunningLoop()
        val fut = loop.createFuture<Int>()
        val t = createTask {
            try {
                fut.await()
            } catch (e: CancelledError) {
                -1
            }
        }
        sleep(0.0)
        t.cancel()
        assertEquals(-1, t.await())
        assertTrue(fut.isCancelled)
        assertEquals(0, (currentTask() as Task<*>).cancelling())
    }

    @Test
    fun `a checked exception reaches a Kotlin awaiter unwrapped, done or not`(): Unit = virtualRun {
        val io = java.io.IOException("io")
        val failing = createTask<Int> {
            sleep(0.01)
            throw io
        }
        val pending = Asyncio.gather(failing)
        assertSame(io, assertRaises<java.io.IOException> { pending.await() })
        val done = Asyncio.gather(failing)
        sleep(0.0)
        assertTrue(done.isDone)
        assertSame(io, assertRaises<java.io.IOException> { done.await() })
        assertSame(io, assertRaises<java.io.IOException> { gather(failing) })
    }
}
