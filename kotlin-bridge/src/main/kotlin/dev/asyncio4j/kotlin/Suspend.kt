package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.Coroutine
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.internal.SuspendBridge
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import kotlin.coroutines.Continuation

/**
 * Kotlin `suspend` functions from Java, and Java implementations of them: the seam of a mixed Kotlin/Java code base.
 * A Kotlin `suspend fun fetch(id: Int): User` is, to Java, `Object fetch(int id, Continuation<? super User> c)`;
 * this class calls such methods and implements them without hand-built Continuations.
 *
 * ```java
 * // Java calling Kotlin
 * User u = Suspend.await(c -> repo.fetch(42, c));               // inside a Java Task body
 * Task<User> t = Suspend.task(c -> repo.fetch(42, c));           // a Task on the running loop
 * CompletableFuture<User> f = Suspend.future(loop, c -> repo.fetch(42, c));   // from any thread
 *
 * // Java implementing a Kotlin interface with suspend methods
 * public Object fetch(int id, Continuation<? super User> c) {
 *     return Suspend.complete(c, () -> {                        // a Java Task on the caller's loop
 *         Asyncio.await(Asyncio.sleep(0.1));
 *         return new User(id);
 *     });
 * }
 * ```
 *
 * Both ways a suspend function may answer are handled: a value at once, or `COROUTINE_SUSPENDED` and a later resume
 * (from any thread). Exceptions arrive as the other side threw them: Kotlin code's exceptions fail the Task or the
 * future as they are, and [await] throws them by the rethrow rule (a checked exception wrapped in a
 * [java.util.concurrent.CompletionException]); a Java body's exception reaches the Kotlin caller as it was thrown.
 *
 * **Where the Kotlin code runs.** On the loop's dispatcher, inside the Task's Job: `coroutineScope`, `launch`,
 * `delay`, `withContext(loop.dispatcher)`, kotlinx Mutex/Channel and the asyncio4j Kotlin helpers behave as in any
 * Kotlin Task, and [dev.asyncio4j.ContextVar]s read the Task's context.
 *
 * **Cancellation** crosses both ways: cancelling the Task (or the future, or the Java Task awaiting [await]) cancels
 * the Kotlin call's Job; cancelling the Kotlin caller of a [complete]d function cancels the Java body's Task. In both
 * directions, as in asyncio, the canceller's side finishes only when the other side has finished (its `finally`
 * blocks ran).
 *
 * **Threading.** [task] and [await] run on the loop (in a loop callback or a Java body); [future] from any thread;
 * [complete] where the Kotlin caller calls.
 */
object Suspend {
    /**
     * A call of a Kotlin `suspend` function written in Java: pass the given continuation as the function's last
     * argument and return what the function returns (`c -> repo.fetch(42, c)`).
     *
     * @param T the function's result type
     */
    fun interface SuspendCall<T> {
        /**
         * Calls the suspend function.
         *
         * @param continuation the continuation to pass it (never resume it yourself)
         * @return what the function returned: its value, or `COROUTINE_SUSPENDED`
         * @throws Exception what the function threw before suspending
         */
        @Throws(Exception::class)
        fun call(continuation: Continuation<T>): Any?
    }

    /**
     * Runs the call as a Kotlin [Task] on the running loop (Python's `asyncio.create_task(coro())`): a real Task,
     * awaitable from Java and Kotlin; cancelling it cancels the call.
     *
     * @param call the call, `c -> repo.fetch(42, c)`
     * @return the Task
     * @throws IllegalStateException with no running loop, or from another thread than the loop's
     */
    @JvmStatic
    fun <T> task(call: SuspendCall<T>): Task<T> = task(call, null)

    /**
     * [task] with a name.
     *
     * @param call the call
     * @param name the Task's name, or null for `Task-N`
     * @return the Task
     */
    @JvmStatic
    fun <T> task(call: SuspendCall<T>, name: String?): Task<T> {
        java.util.Objects.requireNonNull(call, "call")
        return Asyncio.getRunningLoop().launchTask(name) { SuspendBridge.invoke(call) }
    }

    /**
     * Calls the suspend function from a Java coroutine body and waits for its result, in the current Task (Python's
     * `await coro()`): no Task of its own, `currentTask()` inside is the caller's, and its context variables too.
     * The call runs at once up to its first suspension; cancelling the current Task cancels the call, and the body
     * gets the call's outcome (usually a [dev.asyncio4j.CancelledError]) once the call has finished.
     *
     * The asyncio4j Kotlin helpers that act on the current Task itself (`withAsyncioTimeout`, `taskGroup`) need a
     * Task's own coroutine: call such functions through [task] (`Asyncio.await(Suspend.task(c -> ...))`).
     *
     * @param call the call
     * @return the function's result
     * @throws IllegalStateException outside a Java coroutine body
     */
    @JvmStatic
    fun <T> await(call: SuspendCall<T>): T {
        java.util.Objects.requireNonNull(call, "call")
        return Asyncio.await(SuspendBridge.startInCurrentTask(call))
    }

    /**
     * Runs the call as a Kotlin Task on [loop] from any thread (Python's `run_coroutine_threadsafe`): the future
     * completes with its result or its exception; cancelling the future cancels the Task.
     *
     * @param loop a running loop (the call starts on a later iteration)
     * @param call the call
     * @return the future
     * @throws IllegalStateException when the loop is closed
     */
    @JvmStatic
    fun <T> future(loop: EventLoop, call: SuspendCall<T>): CompletableFuture<T> {
        java.util.Objects.requireNonNull(loop, "loop")
        java.util.Objects.requireNonNull(call, "call")
        return loop.runCoroutineThreadsafe { SuspendBridge.invoke(call) }
    }

    /**
     * Implements a Kotlin `suspend` function in Java with a coroutine body, run as a Java Task on the Kotlin caller's
     * loop (the loop its dispatcher is, else the loop running on the calling thread). Return what this returns:
     *
     * ```java
     * public Object fetch(int id, Continuation<? super User> c) { return Suspend.complete(c, () -> load(id)); }
     * ```
     *
     * The body's result or exception resumes the caller; cancelling the caller cancels the Task, and the caller
     * resumes once the Task has finished. With an eager task factory on the loop, a body that returns before
     * awaiting answers at once (no suspension at all).
     *
     * @param continuation the continuation the Kotlin caller passed
     * @param body the body
     * @return the value, or `COROUTINE_SUSPENDED`
     * @throws IllegalStateException when the caller runs on no asyncio4j loop (call the function from a Task, or
     *     inside `withContext(loop.dispatcher)`, or answer with the [CompletionStage] overload)
     */
    @JvmStatic
    fun <T> complete(continuation: Continuation<T>, body: Coroutine<T>): Any? {
        java.util.Objects.requireNonNull(continuation, "continuation")
        java.util.Objects.requireNonNull(body, "body")
        return SuspendBridge.completeWithTask(continuation, body)
    }

    /**
     * Implements a Kotlin `suspend` function in Java with a [CompletionStage] (a `CompletableFuture`, an HTTP
     * client's response, ...), on any dispatcher: the stage's result or exception (unwrapped from a
     * [java.util.concurrent.CompletionException]) resumes the caller, on the caller's dispatcher; cancelling the
     * caller cancels the stage when it is a [java.util.concurrent.Future]. A stage already complete answers at once.
     *
     * @param continuation the continuation the Kotlin caller passed
     * @param stage the stage
     * @return the value, or `COROUTINE_SUSPENDED`
     */
    @JvmStatic
    fun <T> complete(continuation: Continuation<T>, stage: CompletionStage<T>): Any? {
        java.util.Objects.requireNonNull(continuation, "continuation")
        java.util.Objects.requireNonNull(stage, "stage")
        return SuspendBridge.completeWithStage(continuation, stage)
    }
}
