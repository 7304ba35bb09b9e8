package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Protocol
import dev.asyncio4j.Transport
import dev.asyncio4j.kotlin.internal.EventLoopImpl

/**
 * CPython's `transports._FlowControlMixin`: the high/low water marks of a transport's write buffer and the
 * `pauseWriting`/`resumeWriting` calls they trigger. Loop-confined.
 */
internal abstract class TransportFlowControl(@JvmField protected val loopImpl: EventLoopImpl) : Transport {
    private var protocolPaused = false
    private var highWater = DEFAULT_HIGH
    private var lowWater = DEFAULT_HIGH / 4

    /** The protocol to pause and resume, or null once the connection is gone. */
    protected abstract fun flowProtocol(): Protocol?

    /** Call whenever the write buffer grew. */
    protected fun maybePauseProtocol() {
        if (getWriteBufferSize() <= highWater || protocolPaused) return
        protocolPaused = true
        val p = flowProtocol() ?: return
        try {
            p.pauseWriting()
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            loopImpl.callExceptionHandler(ExceptionContext("protocol.pause_writing() failed ($this, $p)", t, null, null))
        }
    }

    /** Call whenever the write buffer shrank. */
    protected fun maybeResumeProtocol() {
        if (!protocolPaused || getWriteBufferSize() > lowWater) return
        protocolPaused = false
        val p = flowProtocol() ?: return
        try {
            p.resumeWriting()
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            loopImpl.callExceptionHandler(ExceptionContext("protocol.resume_writing() failed ($this, $p)", t, null, null))
        }
    }

    override fun setWriteBufferLimits(high: Int, low: Int) {
        if (!(high >= low && low >= 0)) {
            throw IllegalArgumentException("high ($high) must be >= low ($low) must be >= 0")
        }
        highWater = high
        lowWater = low
        maybePauseProtocol()
    }

    companion object {
        const val DEFAULT_HIGH = 64 * 1024
    }
}
