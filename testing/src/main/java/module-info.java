/**
 * asyncio4j's test support ({@code dev.asyncio4j.test}): {@code TestLoop} (a real loop on a virtual clock), the JUnit
 * Jupiter extension {@code @AsyncioTest} and Kotlin's {@code runLoopTest}. It brings no JUnit of its own: the
 * project's JUnit Jupiter (5.10 or later) is the one read here.
 */
// The qualified opens names JUnit's reflection module, which javac may not see as a module; the lint is expected.
@SuppressWarnings("module")
module dev.asyncio4j.test {
    // TestLoop's implementation extends the runtime's virtual-time loop; runLoopTest is Kotlin.
    requires transitive dev.asyncio4j.kotlin;
    // @AsyncioTest and its extension are JUnit Jupiter types: a test module reads JUnit anyway.
    requires transitive org.junit.jupiter.api;

    exports dev.asyncio4j.test;
    // JUnit creates the (package-private) extension by reflection.
    opens dev.asyncio4j.test to org.junit.platform.commons;
}
