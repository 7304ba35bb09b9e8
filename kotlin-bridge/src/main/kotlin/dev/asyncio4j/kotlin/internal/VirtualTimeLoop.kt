package dev.asyncio4j.kotlin.internal

/**
 * A real loop (same runtime, same ordering rules) on a [VirtualClock]: the runtime side of `dev.asyncio4j.test.TestLoop`
 * (the testing module's `TestLoopImpl` extends it and adds only the public interface). Its stepping methods drive
 * the loop through [runForever] with the clock's [VirtualClock.Drive] set, so each step is a sequence of ordinary
 * iterations. Not thread-safe: call them from the thread that owns the loop.
 */
internal open class VirtualTimeLoop private constructor(private val clock: VirtualClock) : EventLoopImpl(clock) {
    /** A loop whose `time()` starts at 0.0, autojump on. */
    constructor() : this(VirtualClock())

    /** Moves the clock [seconds] forward, running every callback and timer due on the way at its deadline. */
    fun advance(seconds: Double) {
        require(!seconds.isNaN() && seconds >= 0) {
            "advance($seconds): pass a number of seconds >= 0 (the clock never goes back)"
        }
        advanceTo(time() + seconds)
    }

    /** Moves the clock to [time], running every callback and timer due on the way at its deadline. */
    fun advanceTo(time: Double) {
        require(!time.isNaN() && time >= time()) {
            "advanceTo($time): the clock is at ${time()} and never goes back; pass a time >= loop.time()"
        }
        checkClosed()
        if (isRunning) {
            // From a callback or Task on this loop: move the clock; what became due runs in the next iterations.
            checkThread("advanceTo")
            clock.moveTo(time)
            return
        }
        clock.target = time
        drive(VirtualClock.Drive.UNTIL)
    }

    /** Runs until nothing is ready at the current time, newly ready work included; the clock stays. */
    fun runReady() {
        drive(VirtualClock.Drive.READY)
    }

    /** Runs, jumping the clock through every finite timer, until nothing is ready or scheduled. */
    fun runUntilIdle() {
        drive(VirtualClock.Drive.IDLE)
    }

    /** Turns autojump on or off (any time, from the loop's thread or while it is not running). */
    fun setAutojump(on: Boolean) {
        clock.autojump = on
    }

    /** Whether `runForever`/`runUntilComplete` jump the clock to the next timer when nothing is ready. */
    fun isAutojump(): Boolean = clock.autojump

    /**
     * The work outside the loop that autojump waits for now, in words ("none" when there is none): for the
     * wall-clock guard's message. Any thread.
     */
    fun describeOutsideWork(): String = outsideWork.describe()

    private fun drive(how: VirtualClock.Drive) {
        checkClosed()
        clock.drive = how
        try {
            runForever()
        } finally {
            clock.drive = VirtualClock.Drive.RUN
        }
    }

    override fun toString(): String =
        "<TestLoop time=${time()} autojump=${clock.autojump} running=$isRunning closed=$isClosed>"
}
