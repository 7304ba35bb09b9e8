package dev.asyncio4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Python's {@code asyncio.Queue}: a first-in, first-out queue for producer and consumer coroutines of one loop,
 * with an optional size limit, task accounting ({@link #taskDone()}, {@link #join()}) and Python 3.13's
 * {@link #shutdown()}.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(10);
 * Asyncio.await(q.put("job"));            // waits while the queue is full
 * String job = Asyncio.await(q.get());    // waits while it is empty
 * q.taskDone();
 * }</pre>
 *
 * <p><b>Fairness and cancellation.</b> Blocked getters and putters are woken first in, first out. The Futures of
 * {@link #get()} and {@link #put(Object)} behave like Tasks: {@code cancel()} is a request, and a getter (putter)
 * cancelled at the moment an item (a free slot) was announced to it passes the wake-up to the next waiter, so no
 * item is lost or taken twice, and a cancelled {@code put} never adds its item.
 *
 * <p><b>Loop binding and threads.</b> The queue binds to the running loop the first time a coroutine has to wait;
 * waiting from another loop afterwards throws {@link IllegalStateException}. It is <em>not</em> thread-safe: feed
 * it from another thread with {@code loop.callSoonThreadsafe(() -> q.putNowait(x))}.
 *
 * @param <T> the item type; items must not be {@code null}
 */
public class Queue<T> {
    private final LoopBinding binding = new LoopBinding();
    private final int maxsize;
    private final java.util.Queue<T> items;
    private final LinkedHashSet<Future<Void>> getters = new LinkedHashSet<>();
    private final LinkedHashSet<Future<Void>> putters = new LinkedHashSet<>();
    private final Event finished = new Event();
    private int unfinishedTasks;
    private boolean isShutdown;

    /** An unbounded FIFO queue. */
    public Queue() {
        this(0);
    }

    /**
     * A FIFO queue holding at most {@code maxsize} items.
     *
     * @param maxsize the limit; zero or less means unbounded
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    Queue(int maxsize, java.util.Queue<T> storage) {
        this.maxsize = maxsize;
        this.items = storage;
        finished.set();
    }

    // ------------------------------------------------------------------ size

    /**
     * The number of items in the queue.
     *
     * @return the size
     */
    public int qsize() {
        return items.size();
    }

    /**
     * The size limit given at construction (zero or less: unbounded).
     *
     * @return the limit
     */
    public int maxsize() {
        return maxsize;
    }

    /**
     * Whether the queue holds no item.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Whether the queue holds {@code maxsize} items; an unbounded queue is never full.
     *
     * @return {@code true} when a {@link #putNowait(Object)} would fail
     */
    public boolean isFull() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    // ------------------------------------------------------------------ put

    /**
     * Adds an item, waiting while the queue is full (Python's {@code await q.put(item)}).
     *
     * @param item the item, not {@code null}
     * @return a Future done once the item is in the queue; it fails with {@link QueueShutDown} if the queue is
     *         shut down first; cancelling it withdraws the item
     * @throws NullPointerException if {@code item} is null
     */
    public Future<Void> put(T item) {
        Objects.requireNonNull(item, "item: queues do not hold null");
        Operation<Void> op = new Operation<>(LoopBinding.running());
        try {
            putStep(op, item);
        } catch (RuntimeException e) {
            op.fail(e);
        }
        return op;
    }

    private void putStep(Operation<Void> op, T item) {
        if (isFull()) {
            if (isShutdown) {
                op.fail(shutDownError());
                return;
            }
            Future<Void> putter = binding.get(this).createFuture();
            putters.add(putter);
            op.awaitThen(putter, (v, error) -> {
                if (error != null) {
                    putter.cancel();
                    putters.remove(putter);
                    if (!isFull() && !putter.isCancelled()) {
                        wakeUpNext(putters);
                    }
                    op.fail(error);
                    return;
                }
                putStep(op, item);
            });
            return;
        }
        putNowait(item);
        op.finish(null);
    }

    /**
     * Adds an item at once.
     *
     * @param item the item, not {@code null}
     * @throws QueueFull when the queue is full
     * @throws QueueShutDown after {@link #shutdown()}
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalArgumentException for a {@link PriorityQueue} item that cannot be compared
     */
    public void putNowait(T item) {
        Objects.requireNonNull(item, "item: queues do not hold null");
        if (isShutdown) {
            throw shutDownError();
        }
        if (isFull()) {
            throw new QueueFull("queue is full (maxsize=" + maxsize + "): await put(item) to wait for room");
        }
        try {
            items.add(item);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("item " + item + " is not Comparable: give the PriorityQueue a "
                    + "Comparator", e);
        }
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    // ------------------------------------------------------------------ get

    /**
     * Removes and returns an item, waiting while the queue is empty (Python's {@code await q.get()}).
     *
     * @return a Future of the item; it fails with {@link QueueShutDown} once the queue is shut down and empty;
     *         cancelling it takes no item
     */
    public Future<T> get() {
        Operation<T> op = new Operation<>(LoopBinding.running());
        getStep(op);
        return op;
    }

    private void getStep(Operation<T> op) {
        if (isEmpty()) {
            if (isShutdown) {
                op.fail(shutDownError());
                return;
            }
            Future<Void> getter = binding.get(this).createFuture();
            getters.add(getter);
            op.awaitThen(getter, (v, error) -> {
                if (error != null) {
                    getter.cancel();
                    getters.remove(getter);
                    if (!isEmpty() && !getter.isCancelled()) {
                        wakeUpNext(getters);
                    }
                    op.fail(error);
                    return;
                }
                getStep(op);
            });
            return;
        }
        op.finish(getNowait());
    }

    /**
     * Removes and returns an item at once.
     *
     * @return the item
     * @throws QueueEmpty when the queue is empty
     * @throws QueueShutDown when it is empty and shut down
     */
    public T getNowait() {
        if (isEmpty()) {
            if (isShutdown) {
                throw shutDownError();
            }
            throw new QueueEmpty("queue is empty: await get() to wait for an item");
        }
        T item = items.remove();
        wakeUpNext(putters);
        return item;
    }

    // ------------------------------------------------------------------ task accounting

    /**
     * Marks one item taken with {@link #get()} as processed; {@link #join()} ends when every item put was marked.
     *
     * @throws IllegalArgumentException when called more often than items were put
     */
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalArgumentException("task_done() called too many times: call taskDone() once per item "
                    + "taken from the queue");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Waits until every item put was taken and marked with {@link #taskDone()} (Python's {@code await q.join()}).
     *
     * @return a Future done then; already done when nothing is unfinished
     */
    public Future<Void> join() {
        Operation<Void> op = new Operation<>(LoopBinding.running());
        if (unfinishedTasks == 0) {
            op.finish(null);
            return op;
        }
        op.awaitThen(finished.waitAsync(), (v, error) -> {
            if (error != null) {
                op.fail(error);
            } else {
                op.finish(null);
            }
        });
        return op;
    }

    // ------------------------------------------------------------------ shutdown

    /** {@code shutdown(false)}: refuse new items, let getters drain what is there. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Python 3.13's {@code Queue.shutdown}: later {@code put}s fail with {@link QueueShutDown}, blocked putters
     * fail with it, and getters fail with it once the queue is empty. With {@code immediate}, the items left are
     * discarded (each counting as done for {@link #join()}) so blocked getters fail at once.
     *
     * @param immediate whether to discard the remaining items
     */
    public void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (!isEmpty()) {
                items.remove();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        wakeUpAll(getters);
        wakeUpAll(putters);
    }

    private static void wakeUpNext(LinkedHashSet<Future<Void>> waiters) {
        if (waiters.isEmpty()) {
            return; // the common case on every put and get: no iterator to build
        }
        Iterator<Future<Void>> it = waiters.iterator();
        while (it.hasNext()) {
            Future<Void> w = it.next();
            it.remove();
            if (!w.isDone()) {
                w.setResult(null);
                return;
            }
        }
    }

    private static void wakeUpAll(LinkedHashSet<Future<Void>> waiters) {
        List<Future<Void>> all = new ArrayList<>(waiters);
        waiters.clear();
        for (Future<Void> w : all) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    private static QueueShutDown shutDownError() {
        return new QueueShutDown("the queue is shut down: no more items can be put, and it is empty");
    }

    /** The items in the order Python's {@code _queue} shows them. */
    List<T> itemsForDisplay() {
        return new ArrayList<>(items);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        if (!items.isEmpty()) {
            s.append(" _queue=").append(itemsForDisplay());
        }
        if (!getters.isEmpty()) {
            s.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            s.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks != 0) {
            s.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            s.append(" shutdown");
        }
        return s.append('>').toString();
    }
}
