package dev.asyncio4j.examples.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.EventLoop
import dev.asyncio4j.examples.Clock.now
import dev.asyncio4j.examples.Clock.seconds
import dev.asyncio4j.examples.Scale
import dev.asyncio4j.examples.TutorialProgram
import java.io.PrintStream
import kotlin.concurrent.thread

/**
 * Tutorial 1, "不同线程的事件循环", in Kotlin: a loop runs forever in a second thread and the main thread feeds it
 * blocking callbacks with `callSoonThreadsafe`; they run one after the other (6 s + 3 s).
 */
class KtLoopInThreadCallSoon(out: PrintStream, scale: Double) : TutorialProgram(out, scale) {
    private fun startLoop(loop: EventLoop) {
        Asyncio.setEventLoop(loop)
        loop.runForever()
    }

    private fun moreWork(x: Int) {
        print("More work $x")
        timeSleep(x.toDouble())
        print("Finished more work $x")
    }

    override fun main() {
        val start = now()
        val newLoop = Asyncio.newEventLoop()
        val t = thread { startLoop(newLoop) }
        print("TIME: ${seconds(now() - start)}")

        newLoop.callSoonThreadsafe { moreWork(6) }
        newLoop.callSoonThreadsafe { moreWork(3) }

        // The tutorial's loop runs forever; this program stops it once the work is done.
        newLoop.callSoonThreadsafe(newLoop::stop)
        t.join()
        newLoop.close()
        print("Time:", seconds(now() - start))
    }

    companion object {
        /** Runs the program on `System.out`; accepts `--scale X`. */
        @JvmStatic
        fun main(args: Array<String>) = Scale.main(args) { out, scale -> KtLoopInThreadCallSoon(out, scale).main() }
    }
}
