package dev.asyncio4j.test

import dev.asyncio4j.Asyncio
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.launchTask
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.TimeoutCancellationException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Kotlin on the virtual clock: `delay`, kotlinx `withTimeout` and Java's sleep share it; `runLoopTest`'s checks. */
class RunLoopTestTest {
    @Test
    fun delayAndJavaSleepFollowOneClock() = runLoopTest {
        delay(1_500)
        assertEquals(1.5, time())
        Asyncio.sleep(2.5).await()
        assertEquals(4.0, time())
        val java = createTask({ Asyncio.await(Asyncio.sleep(10.0)); time() }, "java")
        val kotlin = launchTask("kotlin") { delay(5_000); time() }
        assertEquals(9.0, kotlin.await())
        assertEquals(14.0, java.await())
    }

    @Test
    fun kotlinxTimeoutsFollowTheClock() = runLoopTest {
        assertThrows<TimeoutCancellationException> { withTimeout(30_000) { delay(60_000) } }
        assertEquals(30.0, time())
    }

    @Test
    fun anHourOfSleepsAcrossTenThousandTasks() = runLoopTest {
        // The wall time this takes (about 1.5 s on a loaded 2-core machine) is not asserted here: speed lives in
        // benchmarks, and a shared CI machine makes any bound flaky. What is asserted: every Task woke at its deadline.
        val tasks = (1..10_000).map { i ->
            launchTask("sleeper-$i") {
                // Two sleeps a Task, at 10,000 distinct deadlines, ending at the hour.
                delay(i * 300L)
                val first = time()
                delay(3_600_000 - i * 300L)
                first to time()
            }
        }
        for ((i, t) in tasks.withIndex()) assertEquals((i + 1) * 300L / 1000.0 to 3600.0, t.await())
        assertEquals(3600.0, time())
    }

    @Test
    fun aLeakedTaskFailsRunLoopTest() {
        val failure = assertThrows<AssertionError> {
            runLoopTest {
                launchTask("left-behind") { delay(10_000) }
                delay(1_000)
            }
        }
        assertTrue(failure.message!!.contains("left-behind"), failure.message)
    }

    @Test
    fun anErrorNeverRetrievedFailsRunLoopTest() {
        val failure = assertThrows<AssertionError> {
            runLoopTest {
                launchTask<Unit>("thrower") { throw IllegalStateException("lost") }
                delay(1)
            }
        }
        assertTrue(failure.message!!.contains("never retrieved"), failure.message)
    }

    @Test
    fun asyncioRunTakesALoopFactory() {
        val woke = asyncioRun(loopFactory = TestLoop::create) {
            delay(86_400_000)
            Asyncio.getRunningLoop().time()
        }
        assertEquals(86_400.0, woke)
    }
}
