/**
 * asyncio4j's Java API: every type a Java user names ({@code dev.asyncio4j}). It has no runtime of its own: the
 * runtime ({@code dev.asyncio4j.kotlin}) provides {@code dev.asyncio4j.spi.AsyncioRuntime}, and service binding
 * brings it in, so a module that {@code requires dev.asyncio4j} alone runs when the runtime's jar is on the module
 * path.
 *
 * <p>{@code dev.asyncio4j.spi} and {@code dev.asyncio4j.internal} are exported only to the SDK's own modules: they
 * are how the runtime plugs in and where the rules shared by Java and Kotlin live, never for users.
 */
// The qualified exports name modules that are compiled after this one; javac's "module not found" lint is expected.
@SuppressWarnings("module")
module dev.asyncio4j {
    exports dev.asyncio4j;

    exports dev.asyncio4j.spi to dev.asyncio4j.kotlin;
    exports dev.asyncio4j.internal to dev.asyncio4j.jdk, dev.asyncio4j.kotlin;

    uses dev.asyncio4j.spi.AsyncioRuntime;
}
