@file:JvmName("KotlinGenerators")

package dev.asyncio4j.kotlin

import dev.asyncio4j.GeneratorExit
import dev.asyncio4j.GeneratorState
import dev.asyncio4j.StopIteration
import dev.asyncio4j.internal.GeneratorProtocol
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
 * thread until its next [GeneratorScope.yield]. The protocol is the Java [dev.asyncio4j.Generator]'s, written once
 * ([GeneratorProtocol]): the first call must be `send(null)` or `next()`; a finished generator throws
 * [StopIteration]; [throwInto] raises at the paused yield (on a finished generator it throws its argument; on an
 * unstarted one it throws and closes); [close] raises [GeneratorExit] at the paused yield, is a no-op on a finished
 * or unstarted generator, and throws [IllegalStateException] if the body yields again; re-entering a running
 * generator is an [IllegalStateException]. Not thread-safe: drive it from one thread at a time.
 */
class KGenerator<Y, S> internal constructor(body: suspend GeneratorScope<Y, S>.() -> Unit) : Iterator<Y>, AutoCloseable {
    private val protocol = SuspendBody(body)

    /** The state, as Python's `inspect.getgeneratorstate`. */
    fun state(): GeneratorState = protocol.state()

    /** Python's `gen.send(value)`: resumes the body with [value] and runs it to its next yield. */
    fun send(value: S?): Y = protocol.send(value)

    /** Python's `next(gen)`: `send(null)`, or the value [hasNext] already produced. */
    override fun next(): Y = protocol.next()

    /** Runs the body to its next yield if needed and keeps the value for [next]; false once it finished. */
    override fun hasNext(): Boolean = protocol.hasNext()

    /** Python's `gen.throw(t)`: raises [t] at the paused yield and returns the next value the body yields. */
    fun throwInto(t: Throwable): Y = protocol.throwInto(t)

    /** Python's `gen.close()`: [GeneratorExit] at the paused yield; a no-op on an unstarted or finished generator. */
    override fun close() = protocol.close()

    override fun toString(): String = "<KGenerator ${state().name.lowercase()}>"

    /** The Kotlin way of running the body to its next yield: resuming its coroutine, unintercepted, on this thread. */
    private class SuspendBody<Y, S>(body: suspend GeneratorScope<Y, S>.() -> Unit) : GeneratorProtocol<Y, S?>() {
        private val scope = object : GeneratorScope<Y, S> {
            override suspend fun yield(value: Y): S? = suspendCoroutineUninterceptedOrReturn { c ->
                bodyYielded(value)
                @Suppress("UNCHECKED_CAST")
                resumePoint = c as Continuation<Any?>
                COROUTINE_SUSPENDED
            }
        }

        private val completion = object : Continuation<Unit> {
            override val context: CoroutineContext get() = EmptyCoroutineContext
            override fun resumeWith(result: Result<Unit>) = bodyEnded(result.exceptionOrNull())
        }

        @Suppress("UNCHECKED_CAST")
        private var resumePoint: Continuation<Any?>? =
            body.createCoroutineUnintercepted(scope, completion) as Continuation<Any?>

        override fun runBody(value: S?, toThrow: Throwable?) {
            val c = resumePoint ?: throw IllegalStateException("generator has no paused body")
            resumePoint = null
            if (toThrow != null) c.resumeWithException(toThrow) else c.resume(value)
        }

        override fun discardBody() {
            resumePoint = null
        }
    }
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
