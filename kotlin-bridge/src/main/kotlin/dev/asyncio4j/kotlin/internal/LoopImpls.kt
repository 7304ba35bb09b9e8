package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.EventLoop

/**
 * The runtime's loop behind a public [EventLoop] (every loop the SDK makes is one).
 *
 * @throws IllegalArgumentException for a loop of another implementation
 */
internal fun EventLoop.impl(): EventLoopImpl =
    this as? EventLoopImpl
        ?: throw IllegalArgumentException(
            "not an asyncio4j event loop: $this; create loops with Asyncio.newEventLoop() or Asyncio.run(...)"
        )
