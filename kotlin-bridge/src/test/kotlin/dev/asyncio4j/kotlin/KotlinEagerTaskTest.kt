package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.ContextVar
import kotlinx.coroutines.delay
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** CPython's test_eager_task_factory for Kotlin Tasks: `launchTask` on a loop whose factory is the eager one. */
class KotlinEagerTaskTest {
    private fun <T> eager(block: suspend () -> T): T = asyncioRun {
        Asyncio.getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory())
        block()
    }

    @Test
    fun eagerCompletion() {
        eager {
            val t = createTask { "hello" }
            assertTrue(t.isDone)
            assertEquals("hello", t.await())
        }
    }

    @Test
    fun blockAfterEagerStep() {
        eager {
            var firstStepRan = false
            val t = createTask {
                firstStepRan = true
                delay(10)
                "finished after blocking"
            }
            assertTrue(firstStepRan)
            assertFalse(t.isDone)
            assertEquals("finished after blocking", t.await())
        }
    }

    @Test
    fun currentTaskDuringTheEagerStep() {
        eager {
            val outer = currentTask()
            var captured: dev.asyncio4j.Task<*>? = null
            val t = createTask("eager-kt") {
                captured = currentTask()
                sleep(0.001)
                assertSame(captured, currentTask())
            }
            assertSame(t, captured)
            assertSame(outer, currentTask())
            assertEquals("eager-kt", t.name)
            t.await()
        }
    }

    @Test
    fun allTasksWithEagerCompletion() {
        eager {
            var captured: Set<dev.asyncio4j.Task<*>> = emptySet()
            val t = createTask { captured = Asyncio.allTasks() }
            assertTrue(t in captured)
            assertFalse(t in Asyncio.allTasks())
        }
    }

    @Test
    fun contextVars() {
        val cv = ContextVar("cv", 0)
        eager {
            cv.set(1)
            var second = false
            val t = createTask {
                assertEquals(1, cv.get())
                cv.set(2)
                delay(5)
                assertEquals(2, cv.get())
                cv.set(3)
                second = true
            }
            assertFalse(second)
            assertEquals(1, cv.get())
            t.await()
            assertTrue(second)
            assertEquals(1, cv.get())
        }
    }

    @Test
    fun cancellationAfterEagerStepBlocks() {
        eager {
            val t = createTask {
                delay(100)
                "finished after blocking"
            }
            t.cancel("cancellation message")
            assertTrue(t.cancelling() > 0)
            val e = runCatching { t.await() }.exceptionOrNull()
            assertTrue(e is CancelledError, "$e")
            assertEquals("cancellation message", e!!.message)
        }
    }

    /** A Java Task and a Kotlin Task created eagerly inside each other. */
    @Test
    fun javaAndKotlinEagerTasksNest() {
        val order = mutableListOf<String>()
        eager {
            val k = createTask {
                order += "kotlin starts"
                val j = Asyncio.createTask {
                    order += "java runs"
                    7
                }
                order += "java done=${j.isDone}"
                j.await() * 6
            }
            order += "kotlin done=${k.isDone}"
            assertEquals(42, k.await())
        }
        assertEquals(listOf("kotlin starts", "java runs", "java done=true", "kotlin done=true"), order)
    }
}
