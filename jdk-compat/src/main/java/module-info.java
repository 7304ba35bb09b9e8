/**
 * Where asyncio4j meets {@code java.util.concurrent} and the JDK version ({@code dev.asyncio4j.jdk}): executors on a
 * loop and virtual threads when the JDK has them.
 */
module dev.asyncio4j.jdk {
    requires transitive dev.asyncio4j;
    requires kotlin.stdlib;
    requires kotlinx.coroutines.core;

    exports dev.asyncio4j.jdk;
}
