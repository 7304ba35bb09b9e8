@file:JvmName("KotlinTaskSamples")

package dev.asyncio4j.internal

import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.launchTask
import dev.asyncio4j.kotlin.sleep

/** Kotlin Tasks for the Java tests of this package (a `suspend` block is awkward to write in Java). */
fun sleepingKotlinTask(loop: EventLoop, seconds: Double): Task<Unit> = loop.launchTask { sleep(seconds) }
