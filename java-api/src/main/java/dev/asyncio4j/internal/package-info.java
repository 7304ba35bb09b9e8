/**
 * The SDK's own machinery, shared by its Java API ({@code dev.asyncio4j}) and its runtime and Kotlin surface
 * ({@code dev.asyncio4j.kotlin}): the one Future core every Future and Task extends ({@link
 * dev.asyncio4j.internal.FutureBase}), what it needs from a loop ({@link dev.asyncio4j.internal.LoopInternals}), and
 * each asyncio rule that Java and Kotlin both offer, written once here (the timeout, the task group, the generator
 * protocol, the thread crossings), each language supplying only its way of waiting; and the implementations behind
 * the API's interfaces that need no runtime of their own.
 *
 * <p><b>Not for users.</b> Nothing here is part of the API: names, signatures and behaviour change between
 * releases without notice, and calling into this package from application code can break a loop's single-thread
 * rule. Program against {@code dev.asyncio4j} (Java) and {@code dev.asyncio4j.kotlin} (Kotlin).
 */
package dev.asyncio4j.internal;
