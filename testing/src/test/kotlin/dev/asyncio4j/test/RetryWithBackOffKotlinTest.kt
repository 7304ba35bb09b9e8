package dev.asyncio4j.test

import kotlinx.coroutines.delay
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.io.IOException

/** The docs' example in Kotlin (docs/TESTING.md): an hour of back-off with `delay`, checked in milliseconds. */
class RetryWithBackOffKotlinTest {
    private suspend fun <T> retry(maxDelayMillis: Long, triedAt: MutableList<Double>, now: () -> Double, call: suspend () -> T): T {
        var delayMillis = 1_000L
        while (true) {
            triedAt += now()
            try {
                return call()
            } catch (e: IOException) {
                delay(delayMillis)
                delayMillis = minOf(delayMillis * 2, maxDelayMillis)
            }
        }
    }

    @Test
    fun anHourOfBackOff() = runLoopTest {
        val triedAt = mutableListOf<Double>()
        val result = retry(600_000, triedAt, ::time) {
            if (time() < 3600) throw IOException("service unavailable")
            "up"
        }
        assertEquals("up", result)
        assertEquals(
            listOf(0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 127.0, 255.0, 511.0, 1023.0, 1623.0, 2223.0, 2823.0, 3423.0, 4023.0),
            triedAt,
        )
        assertEquals(4023.0, time())
    }
}
