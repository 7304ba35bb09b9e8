package dev.asyncio4j.kotlin.internal

/**
 * The loop's not-yet-done Tasks in creation order (CPython's `_all_tasks`), as an intrusive doubly linked list
 * through the Tasks themselves: adding and removing cost two field writes, with no hashing and no allocation, which
 * matters when a program spawns hundreds of thousands of short Tasks. Loop thread only; [iterator] sees a snapshot.
 */
internal class TaskRegistry : AbstractMutableSet<TaskImpl<*>>() {
    private var head: TaskImpl<*>? = null
    private var tail: TaskImpl<*>? = null
    private var count = 0

    override val size: Int get() = count

    override fun contains(element: TaskImpl<*>): Boolean = element.registry === this

    override fun add(element: TaskImpl<*>): Boolean {
        if (element.registry != null) return false
        element.registry = this
        element.registryPrev = tail
        element.registryNext = null
        val t = tail
        if (t == null) head = element else t.registryNext = element
        tail = element
        count++
        return true
    }

    override fun remove(element: TaskImpl<*>): Boolean {
        if (element.registry !== this) return false
        val prev = element.registryPrev
        val next = element.registryNext
        if (prev == null) head = next else prev.registryNext = next
        if (next == null) tail = prev else next.registryPrev = prev
        element.registry = null
        element.registryPrev = null
        element.registryNext = null
        count--
        return true
    }

    override fun clear() {
        var t = head
        while (t != null) {
            val next = t.registryNext
            t.registry = null
            t.registryPrev = null
            t.registryNext = null
            t = next
        }
        head = null
        tail = null
        count = 0
    }

    /** Iterates over a snapshot, so Tasks may finish (and leave) while a caller walks it. */
    override fun iterator(): MutableIterator<TaskImpl<*>> {
        val snapshot = ArrayList<TaskImpl<*>>(count)
        var t = head
        while (t != null) {
            snapshot.add(t)
            t = t.registryNext
        }
        val it = snapshot.iterator()
        return object : MutableIterator<TaskImpl<*>> {
            private var last: TaskImpl<*>? = null
            override fun hasNext() = it.hasNext()
            override fun next(): TaskImpl<*> = it.next().also { last = it }
            override fun remove() {
                remove(last ?: throw IllegalStateException("next() first"))
                last = null
            }
        }
    }
}
