package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.internal.GeneratorProtocol
import dev.asyncio4j.kotlin.GeneratorScope
import dev.asyncio4j.kotlin.KGenerator
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.createCoroutineUnintercepted
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * A [KGenerator]: the one generator protocol ([GeneratorProtocol], shared with Java's `Generator`) with the Kotlin
 * way of running the body to its next yield, resuming its coroutine unintercepted on the caller's thread (no thread
 * of its own). Not thread-safe: driven from one thread at a time.
 */
internal class SuspendGenerator<Y, S>(body: suspend GeneratorScope<Y, S>.() -> Unit) :
    GeneratorProtocol<Y, S?>(), KGenerator<Y, S> {

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

    override fun toString(): String = "<KGenerator ${state().name.lowercase()}>"
}
