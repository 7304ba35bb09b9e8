package dev.asyncio4j.benchmarks

import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.createSubprocessExec
import dev.asyncio4j.kotlin.waitForAwait
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext

/** The subprocess workload (see [SubprocessWorkloads]) as asyncio4j Kotlin Tasks, and on the bare JDK. */
object KotlinSubprocessWorkload {
    /** `createSubprocessExec("true")` then `waitForAwait()`, [n] times, in one Kotlin Task. */
    fun asyncio4j(n: Int): Double = asyncioRun {
        val start = System.nanoTime()
        repeat(n) {
            val status = createSubprocessExec("true").waitForAwait()
            check(status == 0) { "true exited with $status" }
        }
        (System.nanoTime() - start) / 1e9
    }

    /**
     * What a JVM user would write without asyncio4j: `ProcessBuilder.start()` on `Dispatchers.IO`, then
     * `Process.onExit().await()`, [n] times, in `runBlocking`.
     */
    fun rawJdk(n: Int): Double = runBlocking {
        val start = System.nanoTime()
        repeat(n) {
            val p = withContext(Dispatchers.IO) { ProcessBuilder("true").inheritIO().start() }
            val status = p.onExit().await().exitValue()
            check(status == 0) { "true exited with $status" }
        }
        (System.nanoTime() - start) / 1e9
    }
}
