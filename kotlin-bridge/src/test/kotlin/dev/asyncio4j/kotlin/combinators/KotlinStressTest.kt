package dev.asyncio4j.kotlin.combinators

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.ExceptionGroup
import dev.asyncio4j.Task
import dev.asyncio4j.TimeoutError
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.currentTask
import dev.asyncio4j.kotlin.gatherReturnExceptions
import dev.asyncio4j.kotlin.sleep
import dev.asyncio4j.kotlin.taskGroup
import dev.asyncio4j.kotlin.waitFor
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.random.Random

/** Thousands of Kotlin Tasks (and some Java ones) with random delays, failures and cancellations. */
class KotlinStressTest {
    @Test
    fun `gather, waitFor and taskGroup under random cancellation`(): Unit = asyncioRun {
        val random = Random(5)
        val loop = Asyncio.getRunningLoop()
        val n = 2000
        val tasks = (0 until n).map { i ->
            val delay = random.nextInt(30) / 1000.0
            val fail = random.nextInt(10) == 0
            val t: Task<Int> = if (i % 50 == 0) {
                loop.createTask { Asyncio.await(Asyncio.sleep(delay, i)) }
            } else {
                createTask {
                    sleep(delay)
                    if (fail) throw IllegalStateException("planted $i")
                    i
                }
            }
            if (random.nextInt(4) == 0) loop.callLater(random.nextInt(30) / 1000.0) { t.cancel() }
            t
        }
        val timeouts = tasks.map { Asyncio.waitFor(it, random.nextInt(30) / 1000.0) }
        val results = gatherReturnExceptions(tasks)
        val waited = gatherReturnExceptions(timeouts)
        for (i in 0 until n) {
            val t = tasks[i]
            when {
                t.isCancelled -> assertTrue(results[i] is CancelledError)
                t.exception() != null -> assertEquals("planted $i", (results[i] as Throwable).message)
                else -> assertEquals(i, results[i])
            }
            val w = waited[i]
            if (w is TimeoutError) {
                assertTrue(t.isCancelled, "a timeout cancels its inner task")
            } else if (!t.isCancelled && t.exception() == null) {
                assertEquals(i, w)
            }
        }

        repeat(20) {
            val children = ArrayList<Task<Int>>()
            val failed = try {
                taskGroup { g ->
                    repeat(50) { k ->
                        val delay = random.nextInt(20) / 1000.0
                        val fail = random.nextInt(40) == 0
                        val c = g.launchTask {
                            sleep(delay)
                            if (fail) throw IllegalStateException("planted")
                            k
                        }
                        children += c
                        if (random.nextInt(5) == 0) loop.callLater(random.nextInt(20) / 1000.0) { c.cancel() }
                    }
                }
                false
            } catch (eg: ExceptionGroup) {
                assertTrue(eg.exceptions().all { it.message == "planted" })
                true
            }
            assertTrue(children.all { it.isDone })
            assertEquals(children.any { !it.isCancelled && it.exception() != null }, failed)
            assertEquals(0, currentTask()!!.cancelling())
        }
        assertEquals(setOf(currentTask()), Asyncio.allTasks())
    }

    @Test
    fun `waitFor of blocks with random timeouts`(): Unit = asyncioRun {
        val random = Random(9)
        val cases = (0 until 500).map { i ->
            val delay = random.nextInt(20) / 1000.0
            val timeout = when (random.nextInt(3)) {
                0 -> 5.0
                1 -> 0.001
                else -> random.nextInt(20) / 1000.0
            }
            Triple(delay, timeout, createTask {
                try {
                    waitFor(timeout) { sleep(delay, i) }
                } catch (e: TimeoutError) {
                    -1
                }
            })
        }
        val values = gatherReturnExceptions(cases.map { it.third })
        for ((i, case) in cases.withIndex()) {
            val (delay, timeout, _) = case
            val v = values[i]
            assertTrue(v == i || v == -1, "either the result or a timeout: $v")
            if (timeout == 5.0) assertEquals(i, v)
            if (timeout == 0.001 && delay >= 0.01) assertEquals(-1, v)
        }
    }
}
