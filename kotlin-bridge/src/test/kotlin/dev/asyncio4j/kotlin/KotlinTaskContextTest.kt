package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.kotlin.internal.TaskElement
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext

/** A Kotlin Task's coroutine context answers exactly as `loop + TaskElement + job` would. */
class KotlinTaskContextTest {
    @Test
    fun `the task context holds the loop, the task element and the job, and composes like any context`() {
        asyncioRun {
            val loop = Asyncio.getRunningLoop()
            val ctx = currentCoroutineContext()
            val task = currentTask()!!
            val element = ctx[TaskElement]!!
            val job = ctx[Job]!!
            assertSame(task, element.task)
            assertSame(loop, ctx[ContinuationInterceptor])
            // Deprecated key, but code in the wild still finds its dispatcher this way: it must work.
            @OptIn(ExperimentalStdlibApi::class)
            @Suppress("DEPRECATION")
            assertSame(loop, ctx[CoroutineDispatcher])
            assertNull(ctx[CoroutineName])

            val elements = ctx.fold(listOf<CoroutineContext.Element>()) { acc, e -> acc + e }
            assertEquals(listOf(element, job, loop), elements)
            val reference = loop.dispatcher + element + job
            assertEquals(reference.fold(listOf<CoroutineContext.Element>()) { acc, e -> acc + e }, elements)
            assertTrue(ctx == reference) // (CombinedContext.equals only accepts CombinedContexts)
            assertEquals(reference.hashCode(), ctx.hashCode())

            assertNull(ctx.minusKey(Job)[Job])
            assertSame(loop, ctx.minusKey(Job)[ContinuationInterceptor])
            assertNull(ctx.minusKey(ContinuationInterceptor)[ContinuationInterceptor])
            assertNull(ctx.minusKey(TaskElement)[TaskElement])
            assertSame(ctx, ctx.minusKey(CoroutineName))
            assertSame(ctx, ctx + EmptyCoroutineContext)

            val named = ctx + CoroutineName("x")
            assertEquals("x", named[CoroutineName]?.name)
            assertSame(job, named[Job])
            assertSame(loop, named[ContinuationInterceptor])

            val inner = withContext(CoroutineName("inner")) {
                val c = currentCoroutineContext()
                Triple(c[CoroutineName]?.name, c[ContinuationInterceptor], currentTask())
            }
            assertEquals("inner", inner.first)
            assertSame(loop, inner.second)
            assertSame(task, inner.third)
            assertTrue(job.isActive)
        }
    }
}
