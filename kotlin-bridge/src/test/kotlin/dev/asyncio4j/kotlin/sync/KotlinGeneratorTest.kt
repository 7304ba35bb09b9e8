package dev.asyncio4j.kotlin.sync

import dev.asyncio4j.GeneratorExit
import dev.asyncio4j.GeneratorState
import dev.asyncio4j.StopIteration
import dev.asyncio4j.kotlin.KGenerator
import dev.asyncio4j.kotlin.generator
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class KotlinGeneratorTest {
    private fun adder(max: Int) = generator<Int, Int> {
        var n = 0
        while (n < max) {
            val m = yield(n)!!
            n += m
        }
    }

    @Test
    fun `send accumulates and finishes with StopIteration`() {
        val g = adder(10)
        assertEquals(GeneratorState.CREATED, g.state())
        assertEquals(0, g.next())
        assertEquals(GeneratorState.SUSPENDED, g.state())
        assertEquals(4, g.send(4))
        assertEquals(8, g.send(4))
        assertThrows(StopIteration::class.java) { g.send(8) }
        assertEquals(GeneratorState.CLOSED, g.state())
    }

    @Test
    fun `producer feeds two consumers (tutorial)`() {
        val log = mutableListOf<String>()
        fun consumer(name: String): KGenerator<Unit, Int> = generator {
            log += "consumer $name start"
            while (true) {
                val bone = yield(Unit)
                log += "$name eats $bone"
            }
        }
        val con1 = consumer("A")
        val con2 = consumer("B")
        con1.send(null)
        con2.send(null)
        for (n in 1..5) {
            con1.send(n)
            con2.send(n)
        }
        assertEquals(2 + 10, log.size)
        assertEquals(listOf("A eats 1", "B eats 1"), log.subList(2, 4))
        con1.close()
        con2.close()
        assertEquals(GeneratorState.CLOSED, con1.state())
    }

    @Test
    fun `protocol errors`() {
        val g = adder(10)
        assertThrows(IllegalStateException::class.java) { g.send(1) }
        g.close()
        assertEquals(GeneratorState.CLOSED, g.state())
        assertThrows(StopIteration::class.java) { g.next() }

        val e = RuntimeException("x")
        assertSame(e, assertThrows(RuntimeException::class.java) { g.throwInto(e) })
        val unstarted = adder(3)
        assertSame(e, assertThrows(RuntimeException::class.java) { unstarted.throwInto(e) })
        assertEquals(GeneratorState.CLOSED, unstarted.state())

        lateinit var self: KGenerator<Int, Unit>
        var reentry: Throwable? = null
        self = generator {
            reentry = runCatching { self.next() }.exceptionOrNull()
            yield(1)
        }
        assertEquals(1, self.next())
        assertTrue(reentry is IllegalStateException)
    }

    @Test
    fun `close raises GeneratorExit, and yielding while closing is an error`() {
        val log = mutableListOf<String>()
        val g = generator<Int, Unit> {
            try {
                yield(1)
            } catch (e: GeneratorExit) {
                log += "exit"
                throw e
            } finally {
                log += "finally"
            }
        }
        g.next()
        g.close()
        assertEquals(listOf("exit", "finally"), log)
        assertEquals(GeneratorState.CLOSED, g.state())

        val stubborn = generator<Int, Unit> {
            while (true) {
                try { yield(1) } catch (e: GeneratorExit) { }
            }
        }
        stubborn.next()
        assertThrows(IllegalStateException::class.java) { stubborn.close() }
    }

    @Test
    fun `throwInto can be caught and the body yields again`() {
        val g = generator<String, Unit> {
            try {
                yield("first")
            } catch (e: IllegalArgumentException) {
                yield("caught ${e.message}")
            }
        }
        assertEquals("first", g.next())
        assertEquals("caught boom", g.throwInto(IllegalArgumentException("boom")))
        assertThrows(StopIteration::class.java) { g.next() }
    }

    @Test
    fun `iterator protocol`() {
        val g = generator<Int, Unit> { for (i in 0 until 3) yield(i) }
        assertEquals(listOf(0, 1, 2), g.asSequence().toList())
        assertFalse(g.hasNext())
        val body = generator<Int, Unit> { throw IllegalStateException("body failed") }
        assertThrows(IllegalStateException::class.java) { body.next() }
        assertEquals(GeneratorState.CLOSED, body.state())
    }
}
