package dev.asyncio4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Python's {@code asyncio.LifoQueue}: a {@link Queue} that hands out the most recently added item first.
 * Same waiting, cancellation, loop-binding and threading rules as {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
    /** An unbounded stack. */
    public LifoQueue() {
        this(0);
    }

    /**
     * A bounded stack.
     *
     * @param maxsize the limit; zero or less means unbounded
     */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }

    @Override
    List<T> itemsForDisplay() {
        List<T> pushOrder = new ArrayList<>(super.itemsForDisplay());
        Collections.reverse(pushOrder);
        return pushOrder;
    }
}
