package dev.asyncio4j.benchmarks

import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.launchTask
import dev.asyncio4j.kotlin.sleep

/** A Kotlin Task doing [awaits] `sleep(0)` steps, for [StepCost]. */
object KotlinSleepLoop {
    @JvmStatic
    fun launch(loop: EventLoop, awaits: Int): Task<Any?> = loop.launchTask {
        repeat(awaits) { sleep(0.0) }
        null
    }
}
