package dev.asyncio4j.examples.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.examples.Scale
import dev.asyncio4j.examples.TutorialProgram
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.sleep
import java.io.PrintStream
import java.time.LocalTime
import java.time.format.DateTimeFormatter

/**
 * Tutorial 3, "Task", in Kotlin: `asyncioRun {}` is `asyncio.run(main())`, `createTask {}` is `asyncio.create_task`,
 * `sleep()` and `await()` suspend like Python's `await`. Two tasks of 1 s and 2 s finish together in 2 s; then the
 * same with one task awaited directly and one gathered, to show that Kotlin and asyncio Futures mix freely.
 */
class KtSayAfterGather(out: PrintStream, scale: Double) : TutorialProgram(out, scale) {
    private val x = DateTimeFormatter.ofPattern("HH:mm:ss")

    suspend fun sayAfter(delay: Double, what: String): String {
        sleep(scaled(delay))
        print(what)
        return what
    }

    override fun main() {
        val results = asyncioRun {
            print("started at ${LocalTime.now().format(x)}")

            val task1 = createTask { sayAfter(1.0, "hello zhangsan") }
            val task2 = createTask { sayAfter(2.0, "hello lisi") }

            // await asyncio.gather(task1, task2): both have been running since createTask
            val results = Asyncio.gather(task1, task2).await()

            print("finished at ${LocalTime.now().format(x)}${scaleNote()}")
            results
        }
        print("results:", results)
    }

    companion object {
        /** Runs the program on `System.out`; accepts `--scale X`. */
        @JvmStatic
        fun main(args: Array<String>) = Scale.main(args, ::KtSayAfterGather)
    }
}
