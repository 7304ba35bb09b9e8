package dev.asyncio4j.internal

import dev.asyncio4j.Generator
import dev.asyncio4j.GeneratorExit
import dev.asyncio4j.GeneratorState
import dev.asyncio4j.StopIteration
import dev.asyncio4j.kotlin.generator
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.EnumSource

/**
 * The generator protocol ([GeneratorProtocol]) seen through both of its faces, Java's [Generator] (a body on a thread
 * of its own) and Kotlin's `KGenerator` (a `suspend` body): each case runs against both, and both must answer alike,
 * messages included.
 */
class GeneratorProtocolTest {
    /** What a test body does at each step: yield a value and get the sent one, or end. */
    interface Steps {
        fun yieldValue(value: String): String?
    }

    /** A generator of either language driven through the same calls. */
    interface AnyGenerator {
        fun send(value: String?): String
        fun next(): String
        fun hasNext(): Boolean
        fun throwInto(t: Throwable): String
        fun close()
        fun state(): GeneratorState
    }

    enum class Face {
        JAVA {
            override fun make(body: (Steps) -> Unit): Any {
                val g = Generator.of<String, String> { y -> body(object : Steps {
                    override fun yieldValue(value: String): String? = y.yield(value)
                }) }
                return object : AnyGenerator {
                    override fun send(value: String?): String = g.send(value)
                    override fun next(): String = g.next()
                    override fun hasNext(): Boolean = g.hasNext()
                    override fun throwInto(t: Throwable): String = g.throwInto(t)
                    override fun close() = g.close()
                    override fun state(): GeneratorState = g.state()
                }
            }
        },
        KOTLIN {
            override fun make(body: (Steps) -> Unit): Any {
                // A plain lambda cannot suspend, so the script runs on a thread of its own in turns with the body,
                // which yields on its behalf: the body's yields are real, and the script sees what they return or
                // throw.
                val g = generator<String, String> {
                    val script = ScriptThread(body)
                    var step = script.start()
                    while (true) {
                        val value = when (step) {
                            is ScriptThread.Step.Yield -> step.value
                            is ScriptThread.Step.End -> {
                                step.error?.let { throw it }
                                return@generator
                            }
                        }
                        step = try {
                            script.resume(yield(value), null)
                        } catch (t: Throwable) {
                            script.resume(null, t)
                        }
                    }
                }
                return object : AnyGenerator {
                    override fun send(value: String?): String = g.send(value)
                    override fun next(): String = g.next()
                    override fun hasNext(): Boolean = g.hasNext()
                    override fun throwInto(t: Throwable): String = g.throwInto(t)
                    override fun close() = g.close()
                    override fun state(): GeneratorState = g.state()
                }
            }
        };

        abstract fun make(body: (Steps) -> Unit): Any
    }

    private fun Face.gen(body: (Steps) -> Unit): AnyGenerator = make(body) as AnyGenerator

    @ParameterizedTest
    @EnumSource(Face::class)
    fun `states, send(null) first, StopIteration at the end`(face: Face) {
        val g = face.gen { s ->
            var reply = s.yieldValue("first")
            while (reply != null) reply = s.yieldValue("got $reply")
        }
        assertEquals(GeneratorState.CREATED, g.state())
        val early = assertThrows(IllegalStateException::class.java) { g.send("x") }
        assertEquals("can't send non-null value to a just-started generator: start it with send(null) or next()", early.message)
        assertEquals("first", g.send(null))
        assertEquals(GeneratorState.SUSPENDED, g.state())
        assertEquals("got a", g.send("a"))
        val end = assertThrows(StopIteration::class.java) { g.next() }
        assertEquals("the generator has finished", end.message)
        assertEquals(GeneratorState.CLOSED, g.state())
        assertThrows(StopIteration::class.java) { g.next() }
    }

    @ParameterizedTest
    @EnumSource(Face::class)
    fun `hasNext caches the next value`(face: Face) {
        val g = face.gen { s -> s.yieldValue("only") }
        assertTrue(g.hasNext())
        assertTrue(g.hasNext())
        val refused = assertThrows(IllegalStateException::class.java) { g.send("x") }
        assertEquals("hasNext() already ran the generator to its next yield: take that value with next() before sending a value", refused.message)
        assertEquals("only", g.next())
        assertFalse(g.hasNext())
    }

    @ParameterizedTest
    @EnumSource(Face::class)
    fun `throwInto raises at the paused yield, or closes an unstarted generator`(face: Face) {
        val g = face.gen { s ->
            try {
                s.yieldValue("waiting")
            } catch (e: IllegalArgumentException) {
                s.yieldValue("caught ${e.message}")
            }
        }
        assertEquals("waiting", g.next())
        assertEquals("caught boom", g.throwInto(IllegalArgumentException("boom")))
        val again = IllegalArgumentException("again")
        assertSame(again, assertThrows(IllegalArgumentException::class.java) { g.throwInto(again) })
        assertEquals(GeneratorState.CLOSED, g.state())
        val late = IllegalStateException("late")
        assertSame(late, assertThrows(IllegalStateException::class.java) { g.throwInto(late) })

        val unstarted = face.gen { s -> s.yieldValue("never") }
        assertThrows(IllegalArgumentException::class.java) { unstarted.throwInto(IllegalArgumentException()) }
        assertEquals(GeneratorState.CLOSED, unstarted.state())
    }

    @ParameterizedTest
    @EnumSource(Face::class)
    fun `close raises GeneratorExit, and a body that yields while closing is an error`(face: Face) {
        val cleanups = mutableListOf<String>()
        val polite = face.gen { s ->
            try {
                s.yieldValue("a")
            } finally {
                cleanups += "cleaned"
            }
        }
        polite.next()
        polite.close()
        assertEquals(listOf("cleaned"), cleanups)
        assertEquals(GeneratorState.CLOSED, polite.state())
        polite.close() // a no-op once closed

        val stubborn = face.gen { s ->
            try {
                s.yieldValue("a")
            } catch (e: GeneratorExit) {
                s.yieldValue("refusing")
            }
        }
        stubborn.next()
        val e = assertThrows(IllegalStateException::class.java) { stubborn.close() }
        assertEquals("generator ignored GeneratorExit: a body must not yield while it is being closed (let the GeneratorExit propagate, or return)", e.message)

        val unstarted = face.gen { s -> s.yieldValue("never") }
        unstarted.close()
        assertEquals(GeneratorState.CLOSED, unstarted.state())
    }

    @ParameterizedTest
    @EnumSource(Face::class)
    fun `a body's StopIteration becomes IllegalStateException, other failures pass as they are`(face: Face) {
        val leaky = face.gen { s ->
            s.yieldValue("a")
            throw StopIteration("inner")
        }
        leaky.next()
        val e = assertThrows(IllegalStateException::class.java) { leaky.next() }
        assertEquals("generator raised StopIteration: return from the body instead", e.message)
        assertEquals("inner", e.cause!!.message)

        val failing = face.gen { _ -> throw UnsupportedOperationException("nope") }
        assertEquals("nope", assertThrows(UnsupportedOperationException::class.java) { failing.next() }.message)
        assertEquals(GeneratorState.CLOSED, failing.state())
    }

    @ParameterizedTest
    @EnumSource(Face::class)
    fun `re-entering a running generator is an error`(face: Face) {
        lateinit var self: AnyGenerator
        val seen = mutableListOf<String?>()
        self = face.gen { s ->
            seen += assertThrows(IllegalStateException::class.java) { self.next() }.message
            seen += assertThrows(IllegalStateException::class.java) { self.close() }.message
            s.yieldValue("done")
        }
        assertEquals("done", self.next())
        assertEquals(
            listOf(
                "generator already executing: a generator's body cannot resume its own generator",
                "generator already executing: a generator's body cannot close its own generator",
            ),
            seen,
        )
        self.close()
    }

    /** The script's thread, in strict turns with the generator body (a synchronous queue each way). */
    class ScriptThread(private val script: (Steps) -> Unit) {
        sealed interface Step {
            class Yield(val value: String) : Step
            class End(val error: Throwable?) : Step
        }

        private val toBody = java.util.concurrent.SynchronousQueue<Step>()
        private val toScript = java.util.concurrent.SynchronousQueue<Pair<String?, Throwable?>>()

        fun start(): Step {
            val t = Thread {
                val end = try {
                    script(object : Steps {
                        override fun yieldValue(value: String): String? {
                            toBody.put(Step.Yield(value))
                            val (sent, thrown) = toScript.take()
                            if (thrown != null) throw thrown
                            return sent
                        }
                    })
                    Step.End(null)
                } catch (t: Throwable) {
                    Step.End(t)
                }
                toBody.put(end)
            }
            t.isDaemon = true
            t.start()
            return toBody.take()
        }

        fun resume(sent: String?, thrown: Throwable?): Step {
            toScript.put(sent to thrown)
            return toBody.take()
        }
    }
}
