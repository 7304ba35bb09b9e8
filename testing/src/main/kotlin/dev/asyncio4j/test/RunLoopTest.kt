package dev.asyncio4j.test

import dev.asyncio4j.kotlin.launchTask

/**
 * Kotlin's `@AsyncioTest`: runs [body] as the main Task (a Kotlin Task) of a fresh [TestLoop] in virtual time, with
 * the loop as receiver (`time()`, `advance(...)`, `launchTask { }`), then fails, besides failing by itself, when Tasks
 * are still pending at its end, when the loop's exception handler was called (an exception never retrieved, an
 * exception in a callback), or when it ran longer than [timeoutSeconds] of wall-clock time (its main Task is
 * cancelled then). Call it from a plain test function, which it blocks until the loop is closed:
 * `@Test fun backOff() = runLoopTest { ... }`.
 */
fun runLoopTest(timeoutSeconds: Double = 60.0, body: suspend TestLoop.() -> Unit) {
    val loop = TestLoop.create()
    LoopTestRun.run(loop, { it.launchTask("runLoopTest") { loop.body() } }, timeoutSeconds, "runLoopTest")
}
