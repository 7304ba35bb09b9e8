package dev.asyncio4j.test;

import dev.asyncio4j.kotlin.internal.VirtualTimeLoop;

/** The runtime's virtual-time loop under the public interface; everything is in {@link VirtualTimeLoop}. */
final class TestLoopImpl extends VirtualTimeLoop implements TestLoop {
    TestLoopImpl() {
    }
}
