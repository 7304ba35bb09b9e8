package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.Context
import dev.asyncio4j.ContextVar
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

/**
 * Context variables in Kotlin code: Kotlin Tasks copy the context like Java Tasks, child coroutines copy it at
 * their launch, `withContext(Dispatchers.IO)` carries it, and `asContextElement()` carries values into coroutines
 * that are no Task.
 */
class KotlinContextVarsTest {
    private val requestId = ContextVar("request_id", "-")

    @Test
    fun kotlinTasksCopyTheContextAtCreation() {
        val seen = asyncioRun {
            requestId.set("main")
            val sub = createTask {
                val before = requestId.get()
                sleep(0.001)
                requestId.set("sub")
                before + "/" + requestId.get()
            }
            requestId.set("main-after")
            listOf(sub.await(), requestId.get())
        }
        assertEquals(listOf("main/sub", "main-after"), seen)
    }

    @Test
    fun kotlinAndJavaTasksSeeTheSameValues() {
        val seen = asyncioRun {
            requestId.set("r-7")
            val java = Asyncio.createTask { requestId.get() }
            val kotlin = createTask { delay(1); requestId.get() }
            listOf(java.await(), kotlin.await())
        }
        assertEquals(listOf("r-7", "r-7"), seen)
    }

    /** A value set in a Kotlin Task survives its suspensions (delay, kotlinx dispatch, awaits of Futures). */
    @Test
    fun valuesSurviveEverySuspension() {
        val seen = asyncioRun {
            val others = (1..20).map { i ->
                createTask {
                    requestId.set("t$i")
                    delay(1)
                    yield()
                    sleep(0.0)
                    Asyncio.sleep(0.001).await()
                    requestId.get()
                }
            }
            others.map { it.await() }
        }
        assertEquals((1..20).map { "t$it" }, seen)
    }

    /** launch/async children copy the context at their launch; what they set stays theirs. */
    @Test
    fun childCoroutinesCopyTheContextAtLaunch() {
        val seen = asyncioRun {
            requestId.set("parent")
            val children = coroutineScope {
                val a = async {
                    val first = requestId.get()
                    requestId.set("child-a")
                    delay(2)
                    first + "/" + requestId.get()
                }
                requestId.set("parent-2")
                val b = async {
                    delay(1)
                    requestId.get()
                }
                listOf(a.await(), b.await())
            }
            children + requestId.get()
        }
        assertEquals(listOf("parent/child-a", "parent-2", "parent-2"), seen)
    }

    /** withContext(Dispatchers.IO) runs the Task's code on another thread with the Task's values. */
    @Test
    fun valuesFollowTheTaskToOtherDispatchers() {
        val seen = asyncioRun {
            requestId.set("io-bound")
            val onIo = withContext(Dispatchers.IO) {
                val thread = Thread.currentThread().name
                requestId.get() + (if (thread.contains("DefaultDispatcher")) "@io" else "@$thread")
            }
            val launched = coroutineScope {
                async(Dispatchers.Default) { requestId.get() }.await()
            }
            listOf(onIo, launched, requestId.get())
        }
        assertEquals(listOf("io-bound@io", "io-bound", "io-bound"), seen)
    }

    /** An IO thread keeps nothing of a Task's context once the Task's code left it. */
    @Test
    fun otherDispatchersThreadsAreLeftClean() {
        asyncioRun {
            requestId.set("task-value")
            withContext(Dispatchers.IO) { requestId.get() }
        }
        val leftover = runBlocking(Dispatchers.IO) { (1..50).map { async { requestId.get() } }.map { it.await() }.toSet() }
        assertEquals(setOf("-"), leftover)
    }

    @Test
    fun asContextElementCarriesAValueIntoACoroutineThatIsNoTask() {
        val seen = runBlocking(Dispatchers.Default + requestId.asContextElement("r-42")) {
            val here = requestId.get()
            val child = async(Dispatchers.IO) { delay(1); requestId.get() }.await()
            val overridden = withContext(requestId.asContextElement("inner")) { delay(1); requestId.get() }
            listOf(here, child, overridden, requestId.get())
        }
        assertEquals(listOf("r-42", "r-42", "inner", "r-42"), seen)
        assertEquals("-", requestId.get())
    }

    @Test
    fun elementsOfDifferentVariablesAddUp() {
        val userId = ContextVar<String>("user_id")
        val seen = runBlocking(requestId.asContextElement("r") + userId.asContextElement("u")) {
            delay(1)
            requestId.get() + userId.get()
        }
        assertEquals("ru", seen)
        assertNull(userId.get(null))
    }

    @Test
    fun aWholeContextAsAnElement() {
        val userId = ContextVar<String>("user_id")
        val ctx = Context()
        ctx.run {
            requestId.set("r-1")
            userId.set("u-1")
        }
        val seen = runBlocking(Dispatchers.IO + ctx.asContextElement()) {
            val first = requestId.get() + userId.get()
            requestId.set("changed inside")
            delay(1)
            launch { requestId.set("in a child") }.join()
            first + "/" + requestId.get()
        }
        assertEquals("r-1u-1/changed inside", seen)
        // The element ran a copy: the context itself is unchanged.
        assertEquals("r-1", ctx.get(requestId))
    }

    /** A Kotlin Task on a loop whose code runs inside withContext(element) sees the element's value there only. */
    @Test
    fun elementInsideATask() {
        val seen = asyncioRun {
            requestId.set("task")
            val inside = withContext(requestId.asContextElement("scoped")) {
                sleep(0.001)
                requestId.get()
            }
            listOf(inside, requestId.get())
        }
        assertEquals(listOf("scoped", "task"), seen)
    }

    @Test
    fun callbacksScheduledFromKotlinCaptureTheContext() {
        val seen = asyncioRun {
            val loop = Asyncio.getRunningLoop()
            requestId.set("scheduled")
            val f = loop.createFuture<String>()
            loop.callSoon { f.setResult(requestId.get()) }
            requestId.set("later")
            f.await()
        }
        assertEquals("scheduled", seen)
    }
}
