package dev.asyncio4j;

/**
 * Python's {@code asyncio.BoundedSemaphore}: a {@link Semaphore} that refuses to be released more often than it
 * was acquired. Same loop binding, cancellation and threading rules as {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also its upper bound.
     *
     * @param value the initial and maximum number of permits, at least 0
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Returns a permit.
     *
     * @throws IllegalArgumentException when every permit is already free (released too many times)
     */
    @Override
    public void release() {
        if (value >= bound) {
            throw new IllegalArgumentException("BoundedSemaphore released too many times: release() only after "
                    + "acquire()");
        }
        super.release();
    }
}
