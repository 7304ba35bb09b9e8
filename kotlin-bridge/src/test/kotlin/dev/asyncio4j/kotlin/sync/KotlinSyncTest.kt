package dev.asyncio4j.kotlin.sync

import dev.asyncio4j.Barrier
import dev.asyncio4j.Condition
import dev.asyncio4j.Event
import dev.asyncio4j.Lock
import dev.asyncio4j.Queue
import dev.asyncio4j.QueueShutDown
import dev.asyncio4j.Semaphore
import dev.asyncio4j.kotlin.asFlow
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.awaitUntil
import dev.asyncio4j.kotlin.collectInto
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.getAwait
import dev.asyncio4j.kotlin.joinAwait
import dev.asyncio4j.kotlin.putAwait
import dev.asyncio4j.kotlin.sleep
import dev.asyncio4j.kotlin.withLockAwait
import dev.asyncio4j.kotlin.withPermitAwait
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.random.Random

class KotlinSyncTest {
    @Test
    fun `withLockAwait serialises Kotlin tasks and releases on failure`() {
        val log = mutableListOf<String>()
        asyncioRun {
            val lock = Lock()
            val tasks = listOf("a", "b", "c").map { name ->
                createTask {
                    lock.withLockAwait {
                        log += "$name+"
                        sleep(0.001)
                        log += "$name-"
                    }
                }
            }
            tasks.forEach { it.await() }
            val failure = runCatching { lock.withLockAwait { throw IllegalArgumentException("boom") } }
            assertTrue(failure.exceptionOrNull() is IllegalArgumentException)
            assertFalse(lock.isLocked)
        }
        assertEquals(listOf("a+", "a-", "b+", "b-", "c+", "c-"), log)
    }

    @Test
    fun `cancelling a Kotlin task waiting for the lock passes it on`() {
        asyncioRun {
            val lock = Lock()
            lock.acquire().await()
            val b = createTask { lock.withLockAwait { "b" } }
            val c = createTask { lock.withLockAwait { "c" } }
            sleep(0.0)
            lock.release()
            b.cancel()
            assertTrue(runCatching { b.await() }.exceptionOrNull() is java.util.concurrent.CancellationException)
            assertEquals("c", c.await())
            assertTrue(b.isCancelled)
            assertFalse(lock.isLocked)
        }
    }

    @Test
    fun `semaphore, event, condition and barrier from Kotlin`() {
        asyncioRun {
            val sem = Semaphore(2)
            var inside = 0
            var maxInside = 0
            val workers = (1..6).map {
                createTask {
                    sem.withPermitAwait {
                        inside++
                        maxInside = maxOf(maxInside, inside)
                        sleep(0.001)
                        inside--
                    }
                }
            }
            workers.forEach { it.await() }
            assertEquals(2, maxInside)

            val ev = Event()
            val waiter = createTask { ev.await(); "woken" }
            sleep(0.0)
            ev.set()
            assertEquals("woken", waiter.await())

            val cond = Condition()
            var ready = false
            val c = createTask { cond.withLockAwait { cond.awaitUntil { ready }; "ready" } }
            sleep(0.0)
            cond.withLockAwait {
                ready = true
                cond.signalAll()
            }
            assertEquals("ready", c.await())

            val barrier = Barrier(3)
            val arrivals = (1..3).map { createTask { barrier.await() } }
            assertEquals(setOf(0, 1, 2), arrivals.map { it.await() }.toSet())
        }
    }

    @Test
    fun `queue getAwait putAwait joinAwait and flows`() {
        asyncioRun {
            val q = Queue<Int>(2)
            val producer = createTask { (1..10).asFlow().collectInto(q); q.shutdown() }
            val seen = q.asFlow().map { it * 10 }.toList()
            producer.await()
            assertEquals((1..10).map { it * 10 }, seen)
            q.joinAwait()

            val q2 = Queue<String>()
            val getter = createTask { q2.getAwait() }
            sleep(0.0)
            q2.putAwait("x")
            assertEquals("x", getter.await())
            q2.taskDone()
            q2.shutdown()
            assertThrows(QueueShutDown::class.java) { q2.getNowait() }
            assertTrue(runCatching { q2.getAwait() }.exceptionOrNull() is QueueShutDown)
        }
    }

    @Test
    fun `Kotlin stress - random cancels never lose or duplicate an item or leak a permit`() {
        val rnd = Random(11)
        asyncioRun {
            val q = Queue<Int>(3)
            val sem = Semaphore(2)
            val taken = mutableListOf<Int>()
            var holders = 0
            val consumers = (0 until 200).map {
                createTask {
                    while (true) {
                        val item = try { q.getAwait() } catch (e: QueueShutDown) { break }
                        taken += item
                        try {
                            sem.withPermitAwait {
                                holders++
                                check(holders <= 2) { "more holders than permits" }
                                try { sleep(0.0) } finally { holders-- }
                            }
                        } finally {
                            q.taskDone()
                        }
                    }
                }
            }
            var cancelled = 0
            for (i in 0 until 3000) {
                q.putAwait(i)
                if (rnd.nextInt(20) == 0) {
                    val v = consumers[rnd.nextInt(consumers.size)]
                    if (!v.isDone && v.cancel()) cancelled++
                }
            }
            q.joinAwait()
            q.shutdown()
            consumers.forEach { runCatching { it.await() } }
            assertTrue(cancelled > 50, "too few cancellations: $cancelled")
            assertEquals((0 until 3000).toList(), taken.sorted(), "an item was lost or taken twice")
            assertEquals((0 until 3000).toList(), taken, "items out of FIFO order")
            assertFalse(sem.isLocked, "a permit leaked")
            assertEquals("<Semaphore [unlocked, value:2]>", sem.toString())
        }
    }
}
