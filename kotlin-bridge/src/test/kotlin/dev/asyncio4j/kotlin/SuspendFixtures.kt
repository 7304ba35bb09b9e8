package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.ContextVar
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import java.io.IOException
import java.util.concurrent.CountDownLatch
import kotlin.coroutines.coroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume

/** Kotlin `suspend` functions that the Java tests of [Suspend] call (`SuspendTest`). */
object SuspendFixtures {
    /** Returns without suspending: the "value at once" path. */
    @JvmStatic
    suspend fun immediate(x: Int): Int = x * 2

    /** Suspends on the loop's timers. */
    @JvmStatic
    suspend fun afterSleep(x: Int, seconds: Double): Int {
        sleep(seconds)
        return x
    }

    /**
     * Suspends through kotlinx and is resumed from a thread of its own; reports the loop it runs on afterwards
     * (it must be back on its loop).
     */
    @JvmStatic
    suspend fun resumedFromAnotherThread(x: Int): String {
        val value = suspendCancellableCoroutine { c: CancellableContinuation<Int> -> Thread { c.resume(x) }.start() }
        return "$value on ${Asyncio.getRunningLoop() != null}"
    }

    /**
     * Suspends with a raw continuation and resumes it from another thread, uninterceptedly: hand-written suspension
     * code (kotlinx.coroutines#3401's kind). Its caller, the bridge, must still go on on the loop.
     */
    @JvmStatic
    suspend fun rawResumeFromAnotherThread(x: Int): String = suspendCoroutineUninterceptedOrReturn { c ->
        Thread { c.resume("$x on true") }.start()
        COROUTINE_SUSPENDED
    }

    /** Resumes its continuation before it returns COROUTINE_SUSPENDED. */
    @JvmStatic
    suspend fun resumedBeforeReturning(x: Int): Int = suspendCoroutineUninterceptedOrReturn { c ->
        c.resume(x)
        COROUTINE_SUSPENDED
    }

    @JvmStatic
    suspend fun throwsBeforeSuspending(): Int = throw IOException("before")

    @JvmStatic
    suspend fun throwsAfterSuspending(): Int {
        sleep(0.0)
        throw IllegalStateException("after")
    }

    /**
     * Suspends until cancelled; [started] counts down once suspended, [cleanedUp] once its `finally` ran (after a
     * suspension of its own: cleanup may await).
     */
    @JvmStatic
    suspend fun untilCancelled(started: CountDownLatch, cleanedUp: CountDownLatch): Int {
        try {
            started.countDown()
            awaitCancellation()
        } finally {
            withContext(kotlinx.coroutines.NonCancellable) { sleep(0.001) }
            cleanedUp.countDown()
        }
    }

    /** Uses the kotlinx tool box the bridge promises: coroutineScope, launch, delay, Mutex, Channel, withContext. */
    @JvmStatic
    suspend fun kotlinxToolbox(n: Int): Int {
        val mutex = Mutex()
        var sum = 0
        val channel = Channel<Int>(Channel.UNLIMITED)
        coroutineScope {
            repeat(n) { i ->
                launch {
                    delay(1)
                    mutex.withLock { sum += i }
                    channel.send(i)
                }
            }
        }
        channel.close()
        var received = 0
        for (ignored in channel) received++
        val loop = Asyncio.getRunningLoop()
        val again = withContext(loop.dispatcher) { received }
        return sum + again
    }

    /** The Job the call runs in. */
    @JvmStatic
    suspend fun currentJob(): Job = coroutineContext[Job]!!

    /** The parent of the Job the call runs in, while it runs. */
    @JvmStatic
    @OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
    suspend fun currentJobParent(): Job? = coroutineContext[Job]!!.parent

    /** The current Task's name, as Kotlin code inside the call sees it, before and after a suspension. */
    @JvmStatic
    suspend fun currentTaskNames(): String {
        val before = currentTask()?.name
        sleep(0.0)
        delay(1)
        val after = currentTask()?.name
        return "$before/$after"
    }

    /** A context variable, as Kotlin code inside the call sees it before and after suspensions. */
    @JvmStatic
    suspend fun <T> readVariable(variable: ContextVar<T>): String {
        val before = variable.get()
        delay(1)
        val after = variable.get()
        return "$before/$after"
    }

    /** Completes when [gate] does. */
    @JvmStatic
    suspend fun <T> awaitGate(gate: CompletableDeferred<T>): T = gate.await()
}

/** A repository interface with suspend methods, implemented in Java by the tests (`JavaUserRepository`). */
interface UserRepository {
    suspend fun find(id: Int): String

    suspend fun findAll(ids: List<Int>): List<String>

    suspend fun slow(id: Int): String

    suspend fun external(stage: java.util.concurrent.CompletableFuture<String>): String
}
