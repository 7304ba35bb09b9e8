package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Asyncio
import dev.asyncio4j.ClientConnected
import dev.asyncio4j.Coroutine
import dev.asyncio4j.EventLoop
import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.LoopGroup
import dev.asyncio4j.Server
import dev.asyncio4j.StreamOptions
import dev.asyncio4j.kotlin.internal.io.GroupServer
import java.util.Objects
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * [LoopGroup]: N loops, each running on its own platform thread from creation to [close] (`runForever`, then the
 * ending of `asyncio.run`: leftover Tasks cancelled and drained, the default executor shut down, the loop closed).
 * Cross-thread work goes through each loop's thread-safe inbox (`runCoroutineThreadsafe`), so a loop never runs
 * two things at once however many threads submit.
 */
internal class LoopGroupImpl(count: Int) : LoopGroup {
    private val groupId = GROUP_IDS.incrementAndGet()
    private val loops: List<EventLoopImpl>
    private val threads: List<Thread>
    private val roundRobin = AtomicInteger()

    @Volatile
    private var closed = false

    init {
        val made = ArrayList<EventLoopImpl>(count)
        val started = ArrayList<Thread>(count)
        val running = CountDownLatch(count)
        try {
            for (i in 0 until count) {
                val loop = EventLoopImpl()
                made.add(loop)
                loop.callSoon { running.countDown() }
                val t = Thread({ serve(loop) }, "asyncio4j-group-$groupId-loop-$i")
                t.isDaemon = false
                t.start()
                started.add(t)
            }
        } catch (e: Throwable) {
            // No thread for every loop (a thread limit): end what started, close the rest, and say why.
            for (loop in made.subList(0, started.size)) stopFromAnyThread(loop)
            for (t in started) joinUninterruptibly(t)
            for (loop in made.subList(started.size, made.size)) loop.close()
            throw e
        }
        loops = made
        threads = started
        awaitUninterruptibly(running)
    }

    /** A loop's thread: run until [close] stops the loop, then end it as `asyncio.run` ends its loop. */
    private fun serve(loop: EventLoopImpl) {
        try {
            loop.runForever()
        } finally {
            try {
                Runners.cancelAllTasks(loop, "LoopGroup.close()")
                loop.runUntilComplete(loop.shutdownDefaultExecutor())
            } catch (t: Throwable) {
                if (t is VirtualMachineError) throw t
                loop.callExceptionHandler(ExceptionContext("error while closing a LoopGroup's loop", t, null, null))
            } finally {
                loop.close()
            }
        }
    }

    override fun size(): Int = loops.size

    override fun next(): EventLoop {
        checkOpen()
        return loops[Math.floorMod(roundRobin.getAndIncrement(), loops.size)]
    }

    override fun loopFor(key: Any?): EventLoop {
        Objects.requireNonNull(key, "key: pass the object whose work should stay on one loop")
        checkOpen()
        val h = key.hashCode()
        return loops[Math.floorMod(h xor (h ushr 16), loops.size)]
    }

    override fun <T> submit(coro: Coroutine<T>): CompletableFuture<T> {
        Objects.requireNonNull(coro, "coro")
        return Asyncio.runCoroutineThreadsafe(coro, next())
    }

    override fun <T> submit(key: Any?, coro: Coroutine<T>): CompletableFuture<T> {
        Objects.requireNonNull(coro, "coro")
        return Asyncio.runCoroutineThreadsafe(coro, loopFor(key))
    }

    override fun startServer(
        onClient: ClientConnected, host: String?, port: Int, options: StreamOptions,
    ): CompletableFuture<Server> {
        Objects.requireNonNull(onClient, "onClient: pass the coroutine body that serves one client")
        Objects.requireNonNull(options, "options: pass StreamOptions.defaults()")
        checkOpen()
        return GroupServer.start(loops, onClient, host, port, options)
    }

    override fun close() {
        val me = Thread.currentThread()
        if (threads.any { it === me } || loops.any { it.isOwnerThread() }) {
            throw IllegalStateException(
                "LoopGroup.close() called from one of the group's own loops: it would wait for itself; " +
                    "close the group from another thread"
            )
        }
        synchronized(this) {
            if (!closed) {
                closed = true
                for (loop in loops) stopFromAnyThread(loop)
            }
        }
        for (t in threads) joinUninterruptibly(t)
    }

    private fun checkOpen() {
        if (closed) throw IllegalStateException("this LoopGroup is closed: create a new one with LoopGroup.create(n)")
    }

    override fun toString(): String = "<LoopGroup loops=${loops.size} closed=$closed>"

    private companion object {
        val GROUP_IDS = AtomicLong()

        fun stopFromAnyThread(loop: EventLoopImpl) {
            try {
                loop.callSoonThreadsafe { loop.stop() }
            } catch (alreadyClosed: IllegalStateException) {
                // its thread ended already
            }
        }
    }
}
