package dev.asyncio4j.kotlinconsumer

import dev.asyncio4j.Asyncio
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.sleep

/** The README's Kotlin program, run from the module path. */
fun main() {
    val greeting = asyncioRun {
        val world = createTask { sleep(0.01); "world" }
        "hello " + world.await() + " (loop from module " + Asyncio.getRunningLoop().javaClass.module.name + ")"
    }
    println(greeting)
}
