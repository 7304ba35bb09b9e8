package dev.asyncio4j.kotlin.combinators

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.ExceptionGroup
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.KotlinTaskGroup
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.currentTask
import dev.asyncio4j.kotlin.sleep
import dev.asyncio4j.kotlin.taskGroup
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** CPython 3.12's test_taskgroups for Kotlin Tasks, including Java children in a Kotlin group and vice versa. */
class KotlinTaskGroupTest {
    private fun errorTypes(eg: ExceptionGroup): Set<Class<*>> = eg.exceptions().map { it.javaClass }.toSet()

    @Test
    fun `waits for every child and returns the body result`(): Unit = asyncioRun {
        lateinit var t1: Task<Int>
        lateinit var t2: Task<Int>
        val r = taskGroup { tg ->
            t1 = tg.launchTask { sleep(0.02, 42) }
            sleep(0.01)
            t2 = tg.launchTask { sleep(0.02, 11) }
            "body"
        }
        assertEquals("body", r)
        assertEquals(42, t1.result())
        assertEquals(11, t2.result())
    }

    @Test
    fun `first failure cancels the siblings and the body`(): Unit = asyncioRun {
        var siblingCancelled = false
        var bodyCancelled = false
        val runner = createTask {
            taskGroup { tg ->
                repeat(3) {
                    tg.launchTask<Unit> {
                        sleep(0.02)
                        throw ArithmeticException("/ by zero")
                    }
                }
                tg.launchTask {
                    try {
                        sleep(5.0)
                    } catch (e: CancelledError) {
                        siblingCancelled = true
                        throw e
                    }
                }
                try {
                    sleep(10.0)
                } catch (e: CancelledError) {
                    bodyCancelled = true
                    throw e
                }
            }
        }
        val eg = assertRaises<ExceptionGroup> { runner.await() }
        assertEquals(setOf(ArithmeticException::class.java), errorTypes(eg))
        assertTrue(siblingCancelled)
        assertTrue(bodyCancelled)
        assertFalse(runner.isCancelled)
    }

    @Test
    fun `cancellation from outside cancels the children and propagates`(): Unit = asyncioRun {
        var num = 0
        val r = createTask {
            taskGroup { tg ->
                repeat(5) {
                    tg.launchTask {
                        try {
                            sleep(5.0)
                        } catch (e: CancelledError) {
                            num++
                            throw e
                        }
                    }
                }
                try {
                    sleep(10.0)
                } catch (e: CancelledError) {
                    num += 10
                    throw e
                }
            }
        }
        sleep(0.02)
        r.cancel()
        assertRaises<CancelledError> { r.await() }
        assertTrue(r.isCancelled)
        assertEquals(15, num)
    }

    @Test
    fun `failures during cancellation win`(): Unit = asyncioRun {
        val r = createTask {
            taskGroup { tg ->
                repeat(5) {
                    tg.launchTask {
                        try {
                            sleep(10.0)
                        } finally {
                            throw ArithmeticException()
                        }
                    }
                }
                sleep(10.0)
            }
        }
        sleep(0.02)
        r.cancel()
        val eg = assertRaises<ExceptionGroup> { r.await() }
        assertEquals(5, eg.exceptions().size)
    }

    @Test
    fun `body error and child error both land in the group`(): Unit = asyncioRun {
        val eg = assertRaises<ExceptionGroup> {
            taskGroup { tg ->
                tg.launchTask<Unit> {
                    sleep(0.01)
                    throw ArithmeticException()
                }
                try {
                    sleep(10.0)
                } finally {
                    throw IllegalStateException("body")
                }
            }
        }
        assertEquals(setOf(ArithmeticException::class.java, IllegalStateException::class.java), errorTypes(eg))
        assertEquals(0, currentTask()!!.cancelling())
    }

    @Test
    fun `finished group refuses new tasks`(): Unit = asyncioRun {
        lateinit var kept: KotlinTaskGroup
        taskGroup { tg -> kept = tg }
        val e = assertRaises<IllegalStateException> { kept.launchTask { 1 } }
        assertTrue(e.message!!.contains("is finished"))
        assertRaises<IllegalStateException> { kept.createTask { 1 } }
    }

    @Test
    fun `shutting down group refuses new tasks`(): Unit = asyncioRun {
        var refused: Throwable? = null
        assertRaises<ExceptionGroup> {
            taskGroup { tg ->
                tg.launchTask<Unit> {
                    sleep(0.001)
                    throw ArithmeticException()
                }
                tg.launchTask {
                    try {
                        sleep(1.0)
                    } catch (e: CancelledError) {
                        refused = runCatching { tg.launchTask { 1 } }.exceptionOrNull()
                    }
                }
            }
        }
        assertTrue(refused is IllegalStateException)
    }

    @Test
    fun `Java children in a Kotlin group`(): Unit = asyncioRun {
        val eg = assertRaises<ExceptionGroup> {
            taskGroup { tg ->
                val ok = tg.createTask { Asyncio.await(Asyncio.sleep(0.01, "java")) }
                tg.createTask<String> {
                    Asyncio.await(Asyncio.sleep(0.02))
                    throw IllegalStateException("java child")
                }
                assertEquals("java", ok.await())
                sleep(10.0)
            }
        }
        assertEquals("java child", eg.exceptions().single().message)
    }

    @Test
    fun `a Java group awaits Kotlin tasks through its Java children`(): Unit = asyncioRun {
        val loop = Asyncio.getRunningLoop()
        val kotlinTask = createTask { sleep(0.01, 21) }
        val javaParent: Task<Int> = loop.createTask {
            Asyncio.taskGroup { g ->
                val doubled = g.createTask { Asyncio.await(kotlinTask) * 2 }
                Asyncio.await(doubled)
            }
        }
        assertEquals(42, javaParent.await())
    }

    @Test
    fun `a failing Kotlin task awaited in a Java group fails the group`(): Unit = asyncioRun {
        val loop = Asyncio.getRunningLoop()
        val kotlinTask = createTask<Int> {
            sleep(0.01)
            throw IllegalStateException("kotlin")
        }
        val javaParent: Task<Int> = loop.createTask {
            Asyncio.taskGroup { g ->
                g.createTask { Asyncio.await(kotlinTask) }
                Asyncio.await(Asyncio.sleep(10.0, 0))
            }
        }
        val eg = assertRaises<ExceptionGroup> { javaParent.await() }
        assertEquals("kotlin", eg.exceptions().single().message)
    }

    @Test
    fun `hydra`(): Unit = asyncioRun {
        var heads = 0
        fun hydra(g: KotlinTaskGroup) {
            g.launchTask {
                heads++
                sleep(0.01)
                hydra(g)
                hydra(g)
            }
        }
        val eg = assertRaises<ExceptionGroup> {
            taskGroup { g ->
                hydra(g)
                g.launchTask<Unit> {
                    while (heads < 10) sleep(0.015)
                    throw ArithmeticException()
                }
            }
        }
        assertEquals(setOf(ArithmeticException::class.java), errorTypes(eg))
        assertTrue(heads >= 10)
    }
}
