package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.EventLoop
import dev.asyncio4j.Future
import dev.asyncio4j.Task
import dev.asyncio4j.jdk.internal.VirtualThreads
import dev.asyncio4j.spi.AsyncioRuntime
import java.util.Collections
import java.util.concurrent.ThreadFactory
import java.util.concurrent.atomic.AtomicLong
import java.util.function.Function
import java.util.function.Supplier

/** The runtime `dev.asyncio4j.Asyncio` finds through ServiceLoader. */
class AsyncioRuntimeImpl : AsyncioRuntime {
    override fun newEventLoop(): EventLoop = EventLoopImpl()

    override fun runningLoop(): EventLoop? = RunningLoop.get()

    override fun beginAwait(future: Future<*>): Any? = JavaBody.beginAwait(future)

    override fun <T> finishAwait(suspension: Any): T = (suspension as JavaBody<*>).finishAwait()

    override fun currentTask(loop: EventLoop): Task<*>? = loop.impl().currentTask

    override fun allTasks(loop: EventLoop): Set<Task<*>> =
        Collections.unmodifiableSet(LinkedHashSet<Task<*>>(loop.impl().tasks))

    override fun <T> sleep(loop: EventLoop, seconds: Double, result: T): Future<T> =
        Sleeps.sleep(loop.impl(), seconds, result)

    override fun <T> run(main: Function<EventLoop, out Future<T>>, debug: Boolean): T =
        Runners.run({ loop -> main.apply(loop) }, debug)

    override fun newLoopGroup(loops: Int): dev.asyncio4j.LoopGroup = LoopGroupImpl(loops)

    override fun <T> run(
        main: Function<EventLoop, out Future<T>>, debug: Boolean, loopFactory: Supplier<out EventLoop>,
    ): T = Runners.run({ loop -> main.apply(loop) }, debug, Runners.factoryLoop(loopFactory::get))

    override fun generatorThreadFactory(): ThreadFactory = GENERATOR_THREADS

    override fun startSubprocess(
        loop: EventLoop,
        argv: List<String>,
        options: dev.asyncio4j.SubprocessOptions,
        protocol: dev.asyncio4j.internal.SubprocessStreamProtocol,
    ): Future<dev.asyncio4j.internal.SubprocessTransport> =
        dev.asyncio4j.kotlin.internal.io.ProcessTransport.start(loop.impl(), argv, options, protocol)

    override fun eagerTaskFactory(): dev.asyncio4j.TaskFactory = EagerTaskFactory

    private companion object {
        val VIRTUAL_GENERATOR_THREADS: ThreadFactory = VirtualThreads.factory("asyncio4j-generator-")
        val GENERATOR_THREAD_IDS = AtomicLong()

        /**
         * A generator's body runs on a thread of the same kind as the thread that first resumes it: `send`/`next` are
         * a strict ping-pong, and a platform caller (a program's main thread) wakes a platform thread with one OS
         * wake-up, where waking a virtual one also goes through the scheduler and a carrier; a virtual caller (a Java
         * Task's body) wakes a virtual thread best. Measured on JDK 25, 2 CPUs, per hand-off: platform pair ~4.3 µs,
         * platform caller + virtual body ~5-6 µs, virtual pair ~0.55 µs (docs/PERFORMANCE.md). Platform generator
         * threads are daemons and inherit no InheritableThreadLocal. (Generators that run as continuations need no
         * thread at all: see `Generator`.)
         */
        val GENERATOR_THREADS = ThreadFactory { body ->
            if (VirtualThreads.isVirtual(Thread.currentThread())) {
                VIRTUAL_GENERATOR_THREADS.newThread(body)
            } else {
                Thread(null, body, "asyncio4j-generator-p" + GENERATOR_THREAD_IDS.incrementAndGet(), 0, false)
                    .apply { isDaemon = true }
            }
        }
    }
}
