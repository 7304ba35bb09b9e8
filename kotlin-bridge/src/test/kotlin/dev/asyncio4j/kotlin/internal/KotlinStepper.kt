package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.EventLoop
import dev.asyncio4j.Future
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.launchTask
import dev.asyncio4j.kotlin.sleep
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.function.IntPredicate

/**
 * Kotlin Tasks for the Java tests of the turn's hand-off ([TurnHandOffStressTest] and friends): a Task written with
 * the Kotlin surface (`launchTask`, `sleep`, `Future.await`) whose steps a Java lambda describes.
 */
object KotlinStepper {
    /** One step of a Kotlin Task, run on the loop's turn between two awaits. */
    fun interface Step {
        /**
         * Runs step [index] ([previous] is what the last await gave: null for the first step and after a
         * `sleep(0.0)`) and returns the Future the Task awaits next, or null for Kotlin's `sleep(0.0)` (CPython's bare
         * `yield`). The call with index == steps is the Task's last piece of work: what it returns is ignored.
         */
        fun step(index: Int, previous: Any?): Future<*>?
    }

    /**
     * Launches on [loop] a Kotlin Task named [name] that runs `step(0, null)`, awaits what it returned, runs
     * `step(1, value)`, ... and after [steps] awaits runs `step(steps, value)` and returns [steps].
     */
    @JvmStatic
    fun launch(loop: EventLoop, name: String, steps: Int, step: Step): Task<Int> =
        launchHopping(loop, name, steps, { false }, step)

    /**
     * [launch], except that where step i returns null and `hops.test(i)`, the Task leaves the loop instead of
     * yielding: `withContext(Dispatchers.Default)` and back, so its next step is dispatched back onto the loop from a
     * foreign thread.
     */
    @JvmStatic
    fun launchHopping(loop: EventLoop, name: String, steps: Int, hops: IntPredicate, step: Step): Task<Int> =
        loop.launchTask(name) {
            var previous: Any? = null
            for (i in 0 until steps) {
                val next = step.step(i, previous)
                previous = if (next == null) {
                    if (hops.test(i)) withContext(Dispatchers.Default) { Thread.onSpinWait() } else sleep(0.0)
                    null
                } else {
                    next.await()
                }
            }
            step.step(steps, previous)
            steps
        }

    /**
     * A Kotlin suspend function for Java bodies (`Suspend.await`): runs [piece], yields (`sleep(0.0)`), runs [piece]
     * again and returns [value].
     */
    @JvmStatic
    suspend fun pieceYieldPiece(piece: Runnable, value: Int): Int {
        piece.run()
        sleep(0.0)
        piece.run()
        return value
    }
}
