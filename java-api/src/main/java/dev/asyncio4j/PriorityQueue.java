package dev.asyncio4j;

import java.util.Comparator;

/**
 * Python's {@code asyncio.PriorityQueue}: a {@link Queue} that hands out the smallest item first (by natural
 * order or a {@link Comparator}). Items of equal priority come out in no particular order, as with Python's heapq.
 * Same waiting, cancellation, loop-binding and threading rules as {@link Queue}.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
    /** An unbounded queue ordered by the items' natural order (they must be {@link Comparable}). */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * A bounded queue ordered by the items' natural order.
     *
     * @param maxsize the limit; zero or less means unbounded
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * An unbounded queue ordered by {@code comparator}.
     *
     * @param comparator the order, smallest first; {@code null} for natural order
     */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * A bounded queue ordered by {@code comparator}.
     *
     * @param maxsize the limit; zero or less means unbounded
     * @param comparator the order, smallest first; {@code null} for natural order
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(comparator));
    }
}
