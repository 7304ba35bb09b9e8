/**
 * Python's asyncio for Java: {@link dev.asyncio4j.Asyncio} (the {@code asyncio} module's functions),
 * {@link dev.asyncio4j.EventLoop}, {@link dev.asyncio4j.Future} and {@link dev.asyncio4j.Task}, the synchronisation
 * primitives and queues, {@link dev.asyncio4j.Generator}, and the exceptions. Every type a Java user names lives
 * here; a runtime on the class path ({@code asyncio4j-kotlin-bridge}) provides the loop.
 *
 * <h2>Threading</h2>
 * A loop is one logical thread: at any instant at most one of its callbacks, one step of a Java coroutine body or
 * one step of a Kotlin coroutine runs. While a loop runs, its mutating methods and those of its Futures and Tasks
 * throw {@link java.lang.IllegalStateException} on any other thread; the thread-safe ways in are
 * {@link dev.asyncio4j.EventLoop#callSoonThreadsafe(Runnable)},
 * {@link dev.asyncio4j.Asyncio#runCoroutineThreadsafe(Coroutine, EventLoop)} and
 * {@link dev.asyncio4j.Future#toCompletableFuture()}.
 *
 * <h2 id="rethrow-rule">The rethrow rule</h2>
 * {@link dev.asyncio4j.Asyncio#await(Future)}, {@link dev.asyncio4j.Future#result()},
 * {@link dev.asyncio4j.EventLoop#runUntilComplete(Future)}, {@link dev.asyncio4j.Asyncio#run(Coroutine)} and the
 * inline helpers ({@code withTimeout}, {@code taskGroup}, {@code withLock}, ...) throw a stored exception
 * <em>as it is</em> when it is unchecked (a {@link java.lang.RuntimeException} or an {@link java.lang.Error}; this
 * includes {@link dev.asyncio4j.CancelledError} and {@link dev.asyncio4j.TimeoutError}), and wrapped in
 * {@link java.util.concurrent.CompletionException}, whose cause is the original, when it is checked (a coroutine body
 * may throw any {@link java.lang.Exception}). {@link dev.asyncio4j.Future#exception()} always returns the original.
 * Kotlin code ({@code future.await()}) never sees the wrapper.
 *
 * <h2>Exceptions</h2>
 * All unchecked. Python's {@code RuntimeError} is {@link java.lang.IllegalStateException}, {@code ValueError} and
 * {@code TypeError} are {@link java.lang.IllegalArgumentException} (a null argument
 * {@link java.lang.NullPointerException}); asyncio's own keep their names ({@link dev.asyncio4j.CancelledError},
 * {@link dev.asyncio4j.TimeoutError}, {@link dev.asyncio4j.InvalidStateError}, ...).
 */
package dev.asyncio4j;
