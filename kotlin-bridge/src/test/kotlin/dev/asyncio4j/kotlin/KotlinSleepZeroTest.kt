package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import kotlinx.coroutines.launch
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** `sleep(0.0)` in a Kotlin Task is CPython's bare `yield`: one loop iteration, cancellable right there. */
class KotlinSleepZeroTest {
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
    fun `callbacks scheduled before the yield run before the task resumes, later ones after`() {
        val log = mutableListOf<String>()
        val t = loop.launchTask {
            loop.callSoon { log.add("scheduled before yield") }
            log.add("step 1")
            sleep(0.0)
            log.add("step 2")
            loop.callSoon { log.add("scheduled in step 2") }
            sleep(0.0)
            log.add("step 3")
        }
        loop.runUntilComplete(t)
        assertEquals(listOf("step 1", "scheduled before yield", "step 2", "scheduled in step 2", "step 3"), log)
    }

    @Test
    fun `two tasks yielding alternate one iteration at a time`() {
        val log = mutableListOf<String>()
        val a = loop.launchTask { repeat(3) { log.add("a$it"); sleep(0.0) } }
        val b = loop.launchTask { repeat(3) { log.add("b$it"); sleep(0.0) } }
        loop.runUntilComplete(Asyncio.gather(a, b))
        assertEquals(listOf("a0", "b0", "a1", "b1", "a2", "b2"), log)
    }

    @Test
    fun `a cancel requested while the task is yielded is thrown at the yield`() {
        val log = mutableListOf<String>()
        val t: Task<Unit> = loop.launchTask {
            try {
                sleep(0.0)
                log.add("not reached")
            } catch (e: CancelledError) {
                log.add("cancelled at the yield: ${e.message}")
                throw e
            }
        }
        loop.callSoon { t.cancel("stop") } // runs right after the task's first step, in the same iteration
        assertThrows(CancelledError::class.java) { loop.runUntilComplete(t) }
        assertTrue(t.isCancelled)
        assertEquals(listOf("cancelled at the yield: stop"), log)
    }

    @Test
    fun `a cancel the body catches at the yield lets it finish normally`() {
        val t: Task<String> = loop.launchTask {
            try {
                sleep(0.0)
                "not cancelled"
            } catch (e: CancelledError) {
                sleep(0.0) // a caught cancellation is one-shot: the next yield is an ordinary one
                "caught"
            }
        }
        loop.callSoon { t.cancel() }
        assertEquals("caught", loop.runUntilComplete(t))
        assertEquals(1, t.cancelling())
    }

    @Test
    fun `sleep(0) in a child coroutine of a task, not the task itself, still yields`() {
        val log = mutableListOf<String>()
        val t = loop.launchTask {
            val child = launch {
                log.add("child 1")
                sleep(0.0)
                log.add("child 2")
            }
            log.add("task")
            child.join()
            log.add("joined")
        }
        loop.runUntilComplete(t)
        assertEquals(listOf("task", "child 1", "child 2", "joined"), log)
    }

    @Test
    fun `negative delays yield once too`() {
        val log = mutableListOf<String>()
        val t = loop.launchTask {
            loop.callSoon { log.add("callback") }
            sleep(-1.0)
            log.add("resumed")
        }
        loop.runUntilComplete(t)
        assertEquals(listOf("callback", "resumed"), log)
    }
}
