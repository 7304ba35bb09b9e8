package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.Coroutine
import dev.asyncio4j.Future
import dev.asyncio4j.FutureCallGraph
import dev.asyncio4j.Task
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The call graph across languages: a Java Task awaiting a Kotlin Task awaiting a Java Task awaiting a Future. Each
 * awaiter shows the code that awaits — a Java body's frames from its parked thread, a Kotlin Task's from its
 * continuations (no agent) — compared by shape and names, never by line.
 */
class CallGraphKotlinTest {
    private fun walk(g: FutureCallGraph): List<Any> {
        val f = g.future()
        val head = if (f is Task<*>) "T<${f.name}>" else "F"
        val frames = g.callStack()
            .filter { it.className.startsWith(CallGraphKotlinTest::class.java.name) }
            .map { it.methodName }
            .filterNot { it.contains("lambda") || it == "invokeSuspend" }
        return listOf(head, frames, g.awaitedBy().map(::walk))
    }

    // The three levels, each a named function so that its frame has a name.
    private fun javaTop(middle: Task<Int>): Int = Asyncio.await(middle) + 1

    private suspend fun kotlinMiddle(bottom: Task<Int>): Int = bottom.await() * 10

    private fun javaBottom(fut: Future<Int>): Int = Asyncio.await(fut) + 1

    @Test
    fun `a three level await chain across Java and Kotlin Tasks`() {
        var graph: FutureCallGraph? = null
        var text = ""
        var middleStack: List<StackTraceElement> = emptyList()
        val result = Asyncio.run(Coroutine {
            val loop = Asyncio.getRunningLoop()
            val fut = loop.createFuture<Int>()
            val bottom = loop.createTask(Coroutine { javaBottom(fut) }, "java-bottom")
            val middle = loop.launchTask("kotlin-middle") { kotlinMiddle(bottom) }
            val top = loop.createTask(Coroutine { javaTop(middle) }, "java-top")
            repeat(3) { Asyncio.await(Asyncio.sleep(0.0)) }
            graph = Asyncio.captureCallGraph(fut)
            text = Asyncio.formatCallGraph(fut)
            middleStack = middle.stack
            assertNull(middle.coro, "a Kotlin Task runs no Java Coroutine")
            fut.setResult(4)
            Asyncio.await(top)
        })
        assertEquals(51, result)
        assertEquals(
            listOf(
                "F", emptyList<String>(),
                listOf(
                    listOf(
                        "T<java-bottom>", listOf("javaBottom"),
                        listOf(
                            listOf(
                                "T<kotlin-middle>", listOf("kotlinMiddle"),
                                listOf(listOf("T<java-top>", listOf("javaTop"), emptyList<Any>())),
                            ),
                        ),
                    ),
                ),
            ),
            walk(graph!!),
        )
        // The Kotlin frames come from the compiler's debug metadata: the suspend function, then its caller (the
        // Task's block), each with its source file.
        assertEquals("kotlinMiddle", middleStack[0].methodName, middleStack.toString())
        assertEquals("CallGraphKotlinTest.kt", middleStack[0].fileName)
        assertTrue(middleStack.size >= 2, middleStack.toString())
        assertTrue(text.contains("in CallGraphKotlinTest.kotlinMiddle()"), text)
        assertTrue(text.contains("in CallGraphKotlinTest.javaTop()"), text)
    }

    @Test
    fun `a Kotlin Task capturing its own graph sees where it runs`() {
        var graph: FutureCallGraph? = null
        asyncioRun {
            val child = createTask("child") {
                sleep(0.0)
                graph = Asyncio.captureCallGraph()
            }
            child.await()
        }
        val g = graph!!
        assertEquals("child", (g.future() as Task<*>).name)
        assertTrue(g.callStack().any { it.className.startsWith(CallGraphKotlinTest::class.java.name) }, g.toString())
        assertEquals(listOf("Task-main"), g.awaitedBy().map { (it.future() as Task<*>).name })
    }
}
