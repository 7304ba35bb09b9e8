@file:JvmName("KotlinTasks")

package dev.asyncio4j.examples.interop

import dev.asyncio4j.Future
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.sleep
import java.util.function.Consumer

/**
 * The Kotlin half of `java-kotlin-await`: a Kotlin Task, started from Java, that awaits a Future a Java Task
 * completes (`javaTask.await()` suspends the Kotlin coroutine; no thread is blocked), then sleeps and answers.
 * Call on the loop's thread (from a Java coroutine body, for example); the Task runs on the running loop.
 *
 * @param javaTask what to wait for, typically a Java Task
 * @param seconds how long to sleep after it finished
 * @param say where to report progress (a Java `Consumer`, so Java passes `this::print`)
 * @return the Kotlin Task, which Java code awaits like any other
 */
fun replyTo(javaTask: Future<String>, seconds: Double, say: Consumer<String>): Task<String> =
    createTask(name = "kotlin-task") {
        val got = javaTask.await()
        say.accept("Kotlin task: got \"$got\" from the Java task")
        sleep(seconds)
        "the Kotlin answer to \"$got\""
    }
