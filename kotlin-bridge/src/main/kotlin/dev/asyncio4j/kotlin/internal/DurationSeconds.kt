package dev.asyncio4j.kotlin.internal

import kotlin.time.Duration
import kotlin.time.DurationUnit

/** Seconds, as the asyncio API counts them; [Duration.INFINITE] is `+Infinity` (never, no timeout). */
internal fun Duration.inSeconds(): Double = toDouble(DurationUnit.SECONDS)
