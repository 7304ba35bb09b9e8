package dev.asyncio4j.kotlin.combinators

import org.junit.jupiter.api.Assertions.fail

/** `assertThrows` for suspending code: the block is inlined into the caller's coroutine. */
inline fun <reified T : Throwable> assertRaises(block: () -> Unit): T {
    try {
        block()
    } catch (t: Throwable) {
        if (t is T) return t
        throw AssertionError("expected ${T::class.java.name} but got $t", t)
    }
    fail<Unit>("expected ${T::class.java.name} but nothing was thrown")
    throw IllegalStateException()
}
