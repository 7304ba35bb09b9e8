@file:JvmName("KotlinGenerators")

package dev.asyncio4j.kotlin

import dev.asyncio4j.GeneratorExit
import dev.asyncio4j.GeneratorState
import dev.asyncio4j.StopIteration
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.RestrictsSuspension
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.createCoroutineUnintercepted
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

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
 * thread until its next [GeneratorScope.yield]. Same rules as the Java [dev.asyncio4j.Generator]: the first call
 * must be `send(null)` or `next()`; a finished generator throws [StopIteration]; [throwInto] raises at the paused
 * yield (on a finished generator it throws its argument; on an unstarted one it throws and closes); [close] raises
 * [GeneratorExit] at the paused yield, is a no-op on a finished or unstarted generator, and throws
 * [IllegalStateException] if the body yields again; re-entering a running generator is an [IllegalStateException].
 * Not thread-safe: drive it from one thread at a time.
 */
class KGenerator<Y, S> internal constructor(body: suspend GeneratorScope<Y, S>.() -> Unit) : Iterator<Y>, AutoCloseable {
    private var current = GeneratorState.CREATED
    private var resumePoint: Continuation<Any?>?
    private var yielded: Y? = null
    private var hasYield = false
    private var finished = false
    private var failure: Throwable? = null
    private var hasCached = false
    private var cached: Y? = null

    private val scope = object : GeneratorScope<Y, S> {
        override suspend fun yield(value: Y): S? = suspendCoroutineUninterceptedOrReturn { c ->
            yielded = value
            hasYield = true
            @Suppress("UNCHECKED_CAST")
            resumePoint = c as Continuation<Any?>
            COROUTINE_SUSPENDED
        }
    }

    private val completion = object : Continuation<Unit> {
        override val context: CoroutineContext get() = EmptyCoroutineContext
        override fun resumeWith(result: Result<Unit>) {
            finished = true
            failure = result.exceptionOrNull()
        }
    }

    init {
        @Suppress("UNCHECKED_CAST")
        resumePoint = body.createCoroutineUnintercepted(scope, completion) as Continuation<Any?>
    }

    /** The state, as Python's `inspect.getgeneratorstate`. */
    fun state(): GeneratorState = current

    /** Python's `gen.send(value)`: resumes the body with [value] and runs it to its next yield. */
    fun send(value: S?): Y {
        when (current) {
            GeneratorState.RUNNING -> throw IllegalStateException("generator already executing: a generator's body cannot resume its own generator")
            GeneratorState.CLOSED -> throw StopIteration("the generator has finished")
            GeneratorState.CREATED -> if (value != null) {
                throw IllegalStateException("can't send non-null value to a just-started generator: start it with send(null) or next()")
            }
            else -> {}
        }
        if (hasCached) {
            check(value == null) { "hasNext() already ran the generator to its next yield: take that value with next() before sending a value" }
            hasCached = false
            @Suppress("UNCHECKED_CAST")
            return (cached as Y).also { cached = null }
        }
        return resume(value, null)
    }

    /** Python's `next(gen)`: `send(null)`, or the value [hasNext] already produced. */
    override fun next(): Y = send(null)

    /** Runs the body to its next yield if needed and keeps the value for [next]; false once it finished. */
    override fun hasNext(): Boolean {
        if (hasCached) return true
        if (current == GeneratorState.CLOSED) return false
        return try {
            cached = send(null)
            hasCached = true
            true
        } catch (e: StopIteration) {
            false
        }
    }

    /** Python's `gen.throw(t)`: raises [t] at the paused yield and returns the next value the body yields. */
    fun throwInto(t: Throwable): Y {
        when (current) {
            GeneratorState.RUNNING -> throw IllegalStateException("generator already executing: a generator's body cannot throw into its own generator")
            GeneratorState.CLOSED -> throw t
            GeneratorState.CREATED -> {
                current = GeneratorState.CLOSED
                resumePoint = null
                throw t
            }
            else -> {}
        }
        hasCached = false
        cached = null
        return resume(null, t)
    }

    /** Python's `gen.close()`: [GeneratorExit] at the paused yield; a no-op on an unstarted or finished generator. */
    override fun close() {
        when (current) {
            GeneratorState.RUNNING -> throw IllegalStateException("generator already executing: a generator's body cannot close its own generator")
            GeneratorState.CREATED, GeneratorState.CLOSED -> {
                current = GeneratorState.CLOSED
                resumePoint = null
                return
            }
            else -> {}
        }
        hasCached = false
        cached = null
        try {
            resume(null, GeneratorExit())
        } catch (e: GeneratorExit) {
            return
        } catch (e: StopIteration) {
            return
        }
        throw IllegalStateException("generator ignored GeneratorExit: a body must not yield while it is being closed")
    }

    private fun resume(value: S?, toThrow: Throwable?): Y {
        val c = resumePoint ?: throw IllegalStateException("generator has no paused body")
        resumePoint = null
        hasYield = false
        current = GeneratorState.RUNNING
        try {
            if (toThrow != null) c.resumeWithException(toThrow) else c.resume(value)
        } finally {
            if (!hasYield) current = GeneratorState.CLOSED
        }
        if (finished) {
            current = GeneratorState.CLOSED
            val f = failure
            failure = null
            if (f == null) throw StopIteration("the generator has finished")
            if (f is StopIteration) throw IllegalStateException("generator raised StopIteration: return from the body instead", f)
            throw f
        }
        current = GeneratorState.SUSPENDED
        @Suppress("UNCHECKED_CAST")
        return (yielded as Y).also { yielded = null }
    }

    override fun toString(): String = "<KGenerator ${current.name.lowercase()}>"
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
fun <Y, S> generator(body: suspend GeneratorScope<Y, S>.() -> Unit): KGenerator<Y, S> = KGenerator(body)
