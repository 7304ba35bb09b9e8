package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.concurrent.TimeUnit

/** A VirtualMachineError stored as a Kotlin Task's exception ends the run that waits for the Task (issue 11). */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KotlinVirtualMachineErrorTest {
    private fun recurse(depth: Int): Int = recurse(depth + 1) + 1

    @Test
    fun `a StackOverflowError in a Kotlin task ends runUntilComplete`() {
        val loop = Asyncio.newEventLoop()
        try {
            val task = loop.launchTask { recurse(0) }
            assertThrows(StackOverflowError::class.java) { loop.runUntilComplete(task) }
        } finally {
            loop.close()
        }
    }

    @Test
    fun `an OutOfMemoryError after a sleep ends asyncioRun`() {
        val oom = OutOfMemoryError("thrown by the test")
        assertSame(oom, assertThrows(OutOfMemoryError::class.java) {
            asyncioRun<Int> {
                sleep(0.01)
                throw oom
            }
        })
    }
}
