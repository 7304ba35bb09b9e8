/**
 * The runtime's side of the JDK layer: virtual threads found at run time so that the bytecode stays Java 17.
 *
 * <p><b>Not for users.</b> Nothing here is part of the API; names and behaviour change between releases without
 * notice. The JDK layer for users is {@code dev.asyncio4j.jdk} ({@code LoopExecutor},
 * {@code LoopScheduledExecutorService}).
 */
package dev.asyncio4j.jdk.internal;
