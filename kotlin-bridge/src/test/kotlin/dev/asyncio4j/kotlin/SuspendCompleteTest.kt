package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.jdk.internal.VirtualThreads
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.IOException
import java.util.concurrent.CompletableFuture

/**
 * Kotlin calling a Kotlin interface that Java implements with `Suspend.complete` ([JavaUserRepository]): results,
 * exceptions as thrown, cancellation of the Kotlin caller reaching the Java body, and many calls at once.
 */
class SuspendCompleteTest {
    private val javaTasks = if (VirtualThreads.available()) 10_000 else 1_000

    @Test
    fun kotlinCallsAJavaImplementation() {
        val repo: UserRepository = JavaUserRepository()
        val result = asyncioRun {
            listOf(repo.find(1), repo.findAll(listOf(2, 3)).joinToString())
        }
        assertEquals(listOf("user-1", "user-2, user-3"), result)
    }

    @Test
    fun theJavaBodysExceptionReachesTheCallerAsThrown() {
        val repo: UserRepository = JavaUserRepository()
        val e = asyncioRun { runCatching { repo.find(-1) }.exceptionOrNull() }
        assertInstanceOf(IOException::class.java, e)
        assertEquals("no user -1", e!!.message)
    }

    /** Cancelling the Kotlin caller cancels the Java body's Task; the caller resumes once the body has finished. */
    @Test
    fun cancellingTheCallerCancelsTheJavaTask() {
        val repo = JavaUserRepository()
        asyncioRun {
            val caller = createTask { repo.slow(1) }
            while (repo.slowStarted.count > 0) sleep(0.0)
            caller.cancel()
            val e = runCatching { caller.await() }.exceptionOrNull()
            assertInstanceOf(CancelledError::class.java, e)
            assertInstanceOf(CancelledError::class.java, repo.slowSaw)
            assertEquals(0, repo.slowCleanedUp.count, "the body's finally ran before the caller resumed")
        }
    }

    /** kotlinx's own withTimeout around a Java implementation. */
    @Test
    fun kotlinxTimeoutAroundAJavaImplementation() {
        val repo = JavaUserRepository()
        asyncioRun {
            assertThrows<TimeoutCancellationException> { withTimeout(20) { repo.slow(2) } }
            assertInstanceOf(CancelledError::class.java, repo.slowSaw)
            assertEquals(0, repo.slowCleanedUp.count)
        }
    }

    @Test
    fun aCallerOnNoLoopIsToldWhatToDo() {
        val repo = JavaUserRepository()
        val e = assertThrows<IllegalStateException> { runBlocking(Dispatchers.Default) { repo.find(1) } }
        assertTrue(e.message!!.contains("withContext(loop.dispatcher)"), e.message)
        // The same call inside withContext(loop.dispatcher) works, from a coroutine that is no Task.
        val loop = Asyncio.newEventLoop()
        val runner = Thread { loop.runForever() }
        runner.start()
        try {
            assertEquals("user-4", runBlocking { withContext(loop.dispatcher) { repo.find(4) } })
        } finally {
            loop.callSoonThreadsafe { loop.stop() }
            runner.join(10_000)
            loop.close()
        }
    }

    @Test
    fun aCompletionStageAnswersOnAnyDispatcher() {
        val repo = JavaUserRepository()
        runBlocking(Dispatchers.Default) {
            assertEquals("now", repo.external(CompletableFuture.completedFuture("now")))
            val later = CompletableFuture<String>()
            val call = async { repo.external(later) }
            later.complete("later")
            assertEquals("later", call.await())
            val failing = CompletableFuture<String>()
            val failed = async { runCatching { repo.external(failing) }.exceptionOrNull() }
            failing.completeExceptionally(IOException("io"))
            assertInstanceOf(IOException::class.java, failed.await())
        }
    }

    @Test
    fun cancellingTheCallerCancelsTheStage() {
        val repo = JavaUserRepository()
        val stage = CompletableFuture<String>()
        runBlocking {
            val call = async(start = CoroutineStart.UNDISPATCHED) { repo.external(stage) }
            call.cancel()
            runCatching { call.await() }
        }
        assertTrue(stage.isCancelled)
    }

    /** Many Kotlin callers of Java implementations at once. */
    @Test
    fun manyConcurrentCallsIntoJava() {
        val repo = JavaUserRepository()
        val (viaTasks, viaStages) = asyncioRun {
            val a = (0 until javaTasks).map { i -> async { repo.find(i) } }
            val stages = (0 until 10_000).map { CompletableFuture<String>() }
            val b = stages.map { s -> async { repo.external(s) } }
            sleep(0.0)
            stages.forEachIndexed { i, s -> s.complete("s$i") }
            a.awaitAll() to b.awaitAll()
        }
        assertEquals((0 until javaTasks).map { "user-$it" }, viaTasks)
        assertEquals((0 until 10_000).map { "s$it" }, viaStages)
    }

    /** With the eager task factory a Java body that returns at once answers without a loop iteration. */
    @Test
    fun eagerFactoryMakesImmediateAnswers() {
        val repo = JavaUserRepository()
        asyncioRun {
            Asyncio.getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory())
            var iterations = 0
            Asyncio.getRunningLoop().callSoon { iterations++ }
            assertEquals("user-9", repo.find(9))
            assertEquals(0, iterations, "no loop iteration passed")
            Asyncio.getRunningLoop().setTaskFactory(null)
            assertEquals("user-10", repo.find(10))
            assertEquals(1, iterations)
        }
    }
}
