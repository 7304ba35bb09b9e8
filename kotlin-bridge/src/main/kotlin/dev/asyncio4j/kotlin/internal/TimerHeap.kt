package dev.asyncio4j.kotlin.internal

/**
 * A binary min-heap of timers by (deadline, sequence) in a plain array: no boxing, no per-entry nodes.
 * Cancelled timers stay until they reach the top or [purgeCancelled] rebuilds the heap. Loop thread only.
 */
internal class TimerHeap {
    private var heap = arrayOfNulls<TimerHandleImpl>(64)
    var size = 0
        private set

    fun isEmpty() = size == 0

    fun peek(): TimerHandleImpl? = if (size == 0) null else heap[0]

    fun add(t: TimerHandleImpl) {
        if (size == heap.size) heap = heap.copyOf(size * 2)
        siftUp(size++, t)
    }

    fun poll(): TimerHandleImpl? {
        if (size == 0) return null
        val top = heap[0]!!
        val last = heap[--size]!!
        heap[size] = null
        if (size > 0) siftDown(0, last)
        top.heapIndex = -1
        return top
    }

    fun clear() {
        for (i in 0 until size) heap[i]!!.heapIndex = -1
        heap.fill(null, 0, size)
        size = 0
    }

    /** Drops every cancelled timer and restores the heap order in O(n). */
    fun purgeCancelled() {
        var n = 0
        for (i in 0 until size) {
            val t = heap[i]!!
            if (t.cancelled) t.heapIndex = -1 else heap[n++] = t
        }
        heap.fill(null, n, size)
        size = n
        for (i in size / 2 - 1 downTo 0) siftDown(i, heap[i]!!)
    }

    private fun siftUp(start: Int, t: TimerHandleImpl) {
        var i = start
        while (i > 0) {
            val parent = (i - 1) ushr 1
            val p = heap[parent]!!
            if (!t.isBefore(p)) break
            heap[i] = p
            p.heapIndex = i
            i = parent
        }
        heap[i] = t
        t.heapIndex = i
    }

    private fun siftDown(start: Int, t: TimerHandleImpl) {
        var i = start
        val half = size ushr 1
        while (i < half) {
            var child = 2 * i + 1
            var c = heap[child]!!
            val right = child + 1
            if (right < size && heap[right]!!.isBefore(c)) {
                child = right
                c = heap[child]!!
            }
            if (!c.isBefore(t)) break
            heap[i] = c
            c.heapIndex = i
            i = child
        }
        heap[i] = t
        t.heapIndex = i
    }
}
