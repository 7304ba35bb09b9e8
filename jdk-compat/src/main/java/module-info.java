/**
 * Where asyncio4j meets {@code java.util.concurrent} and the JDK version ({@code dev.asyncio4j.jdk}): executors on a
 * loop and virtual threads when the JDK has them.
 */
// The qualified export names a module compiled after this one; javac's "module not found" lint is expected.
@SuppressWarnings("module")
module dev.asyncio4j.jdk {
    requires transitive dev.asyncio4j;
    exports dev.asyncio4j.jdk;
    exports dev.asyncio4j.jdk.internal to dev.asyncio4j.kotlin;
}
