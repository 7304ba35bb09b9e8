/**
 * asyncio4j's runtime (the event loop, Futures and Tasks on kotlinx.coroutines) and its Kotlin surface
 * ({@code dev.asyncio4j.kotlin}). It provides {@code dev.asyncio4j.spi.AsyncioRuntime}, so a Java module that
 * {@code requires dev.asyncio4j} alone gets this runtime by service binding; a Kotlin module
 * {@code requires dev.asyncio4j.kotlin}, which brings the Java API, kotlin.stdlib and kotlinx.coroutines with it.
 */
// The qualified export names a module built after this one (asyncio4j-test); javac's "module not found" lint is expected.
@SuppressWarnings("module")
module dev.asyncio4j.kotlin {
    requires transitive dev.asyncio4j;
    requires transitive kotlin.stdlib;
    requires transitive kotlinx.coroutines.core;
    requires dev.asyncio4j.jdk;
    // sun.misc.Signal, for Ctrl+C and EventLoop.addSignalHandler. Not static: a static edge is not resolved by
    // default on the module path, and Ctrl+C handling would then be silently off.
    requires jdk.unsupported;
    // JFR events for loop stalls (jdk.jfr) and one MBean per running loop (java.management).
    requires jdk.jfr;
    requires java.management;

    exports dev.asyncio4j.kotlin;
    // The test loop (asyncio4j-test, module dev.asyncio4j.test) extends the runtime's virtual-time loop.
    exports dev.asyncio4j.kotlin.internal to dev.asyncio4j.test;

    provides dev.asyncio4j.spi.AsyncioRuntime with dev.asyncio4j.kotlin.internal.AsyncioRuntimeImpl;
}
