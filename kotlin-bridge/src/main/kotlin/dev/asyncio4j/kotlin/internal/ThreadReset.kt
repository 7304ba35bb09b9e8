package dev.asyncio4j.kotlin.internal

import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodHandles
import java.lang.invoke.MethodType
import java.lang.reflect.Field

/**
 * JDK 17–20 (no virtual threads): empties a platform thread's ThreadLocal maps, so that the thread can run another
 * Task's body without showing it anything the previous body left there. Starting a platform thread per Java Task
 * cost ~0.1–0.6 ms a Task (200k Tasks: 4.5 s with reused threads, 124 s with new ones), and the JDK has no public
 * way to clear a thread's ThreadLocals; `sun.misc.Unsafe` (module jdk.unsupported, open to reflection) can reset the
 * two fields that hold them. The map of a finished body is garbage afterwards, its values included (entries that
 * free resources, such as NIO's per-thread buffer cache, are freed by their Cleaners).
 *
 * Not used on JDK 21+, where each body gets a new virtual thread instead (and where `Unsafe`'s memory methods are
 * being retired). When any of this is missing, [AVAILABLE] is false and bodies get a new platform thread each.
 */
internal object ThreadReset {
    private val UNSAFE: Any?
    private val PUT_REFERENCE: MethodHandle?
    private val THREAD_LOCALS: Long
    private val INHERITABLE_THREAD_LOCALS: Long

    init {
        var unsafe: Any? = null
        var put: MethodHandle? = null
        var locals = -1L
        var inheritable = -1L
        try {
            val type = Class.forName("sun.misc.Unsafe")
            val field = type.getDeclaredField("theUnsafe")
            field.isAccessible = true
            unsafe = field.get(null)
            val lookup = MethodHandles.publicLookup()
            val offset = lookup.findVirtual(type, "objectFieldOffset", MethodType.methodType(Long::class.java, Field::class.java))
            put = lookup.findVirtual(
                type, "putObject",
                MethodType.methodType(Void.TYPE, Any::class.java, Long::class.java, Any::class.java)
            )
            locals = offset.invoke(unsafe, Thread::class.java.getDeclaredField("threadLocals")) as Long
            inheritable = offset.invoke(unsafe, Thread::class.java.getDeclaredField("inheritableThreadLocals")) as Long
        } catch (notHere: Throwable) {
            if (notHere is VirtualMachineError) throw notHere
            unsafe = null
            put = null
        }
        UNSAFE = unsafe
        PUT_REFERENCE = put
        THREAD_LOCALS = locals
        INHERITABLE_THREAD_LOCALS = inheritable
    }

    /** Whether [clearLocals] works on this JDK. */
    @JvmField
    val AVAILABLE: Boolean = PUT_REFERENCE != null

    /** Drops every ThreadLocal and InheritableThreadLocal value of the calling thread. */
    fun clearLocals() {
        val me = Thread.currentThread()
        val put = PUT_REFERENCE!!
        put.invoke(UNSAFE, me as Any, THREAD_LOCALS, null as Any?)
        put.invoke(UNSAFE, me as Any, INHERITABLE_THREAD_LOCALS, null as Any?)
    }
}
