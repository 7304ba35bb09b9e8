package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.EventLoopMXBean
import dev.asyncio4j.internal.TaskDumps
import java.lang.ref.WeakReference
import java.lang.management.ManagementFactory
import java.util.concurrent.ScheduledFuture
import java.util.concurrent.ScheduledThreadPoolExecutor
import java.util.concurrent.TimeUnit
import javax.management.ObjectName

/**
 * One [EventLoopMXBean] per running loop, in the platform MBean server, for `ps`/`pstree` and JConsole. A loop is
 * registered once it has run for [DELAY_MILLIS] and unregistered when it stops, by one daemon thread (which ends
 * when idle): short runs (a test, a script's `Asyncio.run`) never touch JMX, whose start-up costs tens of
 * milliseconds, and the loop's own thread never does. `-Dasyncio4j.jmx=false` turns it off.
 */
internal object LoopMBeans {
    private const val DELAY_MILLIS = 1000L

    private val enabled = System.getProperty("asyncio4j.jmx", "true") != "false"

    private val registrar: ScheduledThreadPoolExecutor by lazy {
        ScheduledThreadPoolExecutor(1) { r ->
            Thread(r, "asyncio4j-jmx").apply { isDaemon = true }
        }.apply {
            setKeepAliveTime(5, TimeUnit.SECONDS)
            allowCoreThreadTimeOut(true)
            removeOnCancelPolicy = true
        }
    }

    /** Registrations not yet made, by loop: cancelled when the loop stops first. */
    private val scheduled = HashMap<EventLoopImpl, ScheduledFuture<*>>()

    /** Loops running now, and the names of those registered; guarded by `this` (held briefly, never around JMX). */
    private val active = HashSet<EventLoopImpl>()
    private val registered = HashMap<EventLoopImpl, ObjectName>()

    /** The loop started running on [thread] (called on that thread). */
    fun started(loop: EventLoopImpl, thread: Thread) {
        if (!enabled) return
        val ref = WeakReference(loop)
        synchronized(this) {
            active.add(loop)
            scheduled[loop] = registrar.schedule({ register(ref, thread) }, DELAY_MILLIS, TimeUnit.MILLISECONDS)
        }
    }

    /** The loop stopped running (called on its thread). */
    fun stopped(loop: EventLoopImpl) {
        if (!enabled) return
        val name = synchronized(this) {
            active.remove(loop)
            scheduled.remove(loop)?.cancel(false)
            registered.remove(loop)
        }
        if (name != null) registrar.execute { unregister(name) }
    }

    private fun register(ref: WeakReference<EventLoopImpl>, thread: Thread) {
        val loop = ref.get() ?: return
        synchronized(this) {
            scheduled.remove(loop)
            if (loop !in active || registered.containsKey(loop)) return
        }
        val name = ObjectName("dev.asyncio4j:type=EventLoop,id=${loop.id}")
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(LoopMXBean(loop, thread), name)
        } catch (e: Exception) {
            EventLoopImpl.LOGGER.log(System.Logger.Level.DEBUG, "could not register the MBean of $loop", e)
            return
        } catch (e: LinkageError) {
            return // no java.management in this runtime image
        }
        val stillRunning = synchronized(this) {
            (loop in active).also { if (it) registered[loop] = name }
        }
        if (!stillRunning) unregister(name) // it stopped while we registered it
    }

    private fun unregister(name: ObjectName) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name)
        } catch (e: Exception) {
            EventLoopImpl.LOGGER.log(System.Logger.Level.DEBUG, "could not unregister the MBean $name", e)
        }
    }

    /** The MBean of one running loop. */
    private class LoopMXBean(private val loop: EventLoopImpl, private val thread: Thread) : EventLoopMXBean {
        override fun getLoopId(): Long = loop.id

        override fun getThreadName(): String = thread.name

        @Suppress("DEPRECATION")
        override fun getThreadId(): Long = thread.id

        override fun isDebug(): Boolean = loop.isDebug

        override fun getTaskCount(): Int = loop.tasks.size

        override fun getReadyQueueLength(): Int = loop.readyCount

        override fun getSlowCallbackCount(): Long = loop.slowCallbacks

        override fun getTasks(): List<EventLoopMXBean.PendingTask> = TaskDumps.snapshot(loop) { loop.tasks }

        override fun dumpTasks(): String = TaskDumps.tree(getThreadId(), getTasks())
    }
}
