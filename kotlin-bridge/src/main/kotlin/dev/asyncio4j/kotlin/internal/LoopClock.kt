package dev.asyncio4j.kotlin.internal

/** One monotonic clock for every loop of the JVM, in seconds since an arbitrary origin. Thread-safe. */
internal object LoopClock {
    private val origin = System.nanoTime()

    /** Python's clock resolution: timers due within this much of "now" fire in the current iteration. */
    const val RESOLUTION = 1e-9

    fun now(): Double = (System.nanoTime() - origin) / 1e9
}
