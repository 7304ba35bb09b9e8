package dev.asyncio4j.examples.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.EventLoop
import dev.asyncio4j.examples.Clock.now
import dev.asyncio4j.examples.Scale
import dev.asyncio4j.examples.TutorialProgram
import dev.asyncio4j.kotlin.runCoroutineThreadsafe
import dev.asyncio4j.kotlin.sleep
import java.io.PrintStream
import java.util.concurrent.CompletableFuture
import kotlin.concurrent.thread

/**
 * Tutorial 1, "新线程协程", in Kotlin: the main thread hands `suspend` blocks to a loop running in a second thread
 * with `EventLoop.runCoroutineThreadsafe { }`, Python's `asyncio.run_coroutine_threadsafe(coro, loop)`. Each becomes
 * a real Task on that loop; they overlap, so 6 s in all, not 10.
 */
class KtLoopInThreadCoroutines(out: PrintStream, scale: Double) : TutorialProgram(out, scale) {
    private fun startLoop(loop: EventLoop) {
        Asyncio.setEventLoop(loop)
        loop.runForever()
    }

    private suspend fun doSomeWork(x: Int) {
        print("Waiting $x")
        sleep(scaled(x.toDouble()))
        print("Done after ${x}s")
    }

    override fun main() {
        val start = now()
        val newLoop = Asyncio.newEventLoop()
        val t = thread { startLoop(newLoop) }
        print("TIME: ${seconds(now() - start)}")

        val six = newLoop.runCoroutineThreadsafe { doSomeWork(6) }
        val four = newLoop.runCoroutineThreadsafe { doSomeWork(4) }

        // The tutorial's loop runs forever; this program waits for both, then stops it.
        CompletableFuture.allOf(six, four).join()
        newLoop.callSoonThreadsafe(newLoop::stop)
        t.join()
        newLoop.close()
        print("Time:", seconds(now() - start))
    }

    companion object {
        /** Runs the program on `System.out`; accepts `--scale X`. */
        @JvmStatic
        fun main(args: Array<String>) = Scale.main(args, ::KtLoopInThreadCoroutines)
    }
}
