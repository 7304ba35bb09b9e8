package dev.asyncio4j.examples.readme

import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.sleep

fun main() {
    val greeting = asyncioRun {                        // asyncio.run(main())
        val world = createTask { sleep(0.1); "world" } // asyncio.create_task(...)
        "hello " + world.await()                       // await task
    }
    println(greeting)
}
