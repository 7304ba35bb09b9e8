@file:JvmName("KotlinGenerators")

package dev.asyncio4j.kotlin

import dev.asyncio4j.GeneratorExit
import dev.asyncio4j.GeneratorState
import dev.asyncio4j.StopIteration
import dev.asyncio4j.internal.GeneratorProtocol
import dev.asyncio4j.kotlin.internal.SuspendGenerator
import kotlin.coroutines.RestrictsSuspension

/** What a [generator] body yields through. Its body may call only [yield] (and other generators), no other suspend functions. */
@RestrictsSuspension
interface GeneratorScope<Y, S> {
    /**
     * Pauses the body, handing [value] to the caller of `send`/`next`; returns what the next `send` passes (null
     * for `next()`), or throws what `throwInto` or `close` raises here.
     */
    suspend fun yield(value: Y): S?
}

/**
 * Python's generator protocol for Kotlin, with a `suspend` body and no thread: the body runs on the caller's
 * thread until its next [GeneratorScope.yield]. The protocol is the Java [dev.asyncio4j.Generator]'s, written once
 * ([GeneratorProtocol]): the first call must be `send(null)` or `next()`; a finished generator throws
 * [StopIteration]; [throwInto] raises at the paused yield (on a finished generator it throws its argument; on an
 * unstarted one it throws and closes); [close] raises [GeneratorExit] at the paused yield, is a no-op on a finished
 * or unstarted generator, and throws [IllegalStateException] if the body yields again; re-entering a running
 * generator is an [IllegalStateException]. Not thread-safe: drive it from one thread at a time.
 */
interface KGenerator<Y, S> : Iterator<Y>, AutoCloseable {
    /** The state, as Python's `inspect.getgeneratorstate`. */
    fun state(): GeneratorState

    /** Python's `gen.send(value)`: resumes the body with [value] and runs it to its next yield. */
    fun send(value: S?): Y

    /** Python's `next(gen)`: `send(null)`, or the value [hasNext] already produced. */
    override fun next(): Y

    /** Runs the body to its next yield if needed and keeps the value for [next]; false once it finished. */
    override fun hasNext(): Boolean

    /** Python's `gen.throw(t)`: raises [t] at the paused yield and returns the next value the body yields. */
    fun throwInto(t: Throwable): Y

    /** Python's `gen.close()`: [GeneratorExit] at the paused yield; a no-op on an unstarted or finished generator. */
    override fun close()
}

/**
 * Creates a Python-style generator from a `suspend` body; nothing runs until the first `send(null)` / `next()`.
 *
 * ```
 * val consumer = generator<String, Int> {
 *     var reply = ""
 *     while (true) { val n = yield(reply) ?: break; reply = "200 OK for $n" }
 * }
 * consumer.send(null); consumer.send(1) // "200 OK for 1"
 * ```
 */
fun <Y, S> generator(body: suspend GeneratorScope<Y, S>.() -> Unit): KGenerator<Y, S> = SuspendGenerator(body)
