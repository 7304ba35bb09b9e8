package dev.asyncio4j.examples;

import org.junit.jupiter.api.Test;

/** {@code suspend-repository}: Kotlin suspend functions implemented in Java and called from Java. */
class SuspendRepositoryTest {
    @Test
    void kotlinAndJavaCallEachOtherThroughSuspend() throws Exception {
        String lookup = "store: looking up user %d in Task-[0-9]+";
        ProgramRun.of("suspend-repository", 0.2)
                .printed(String.format(lookup, 1), String.format(lookup, 2),
                        "main: Ada greets Grace \\(in main\\)",
                        String.format(lookup, 3), String.format(lookup, 1),
                        "main: got \\[User\\(id=3, name=Barbara\\), User\\(id=1, name=Ada\\)\\]",
                        String.format(lookup, 1), String.format(lookup, 99),
                        "main: Kotlin passed the Java exception on: no user 99",
                        String.format(lookup, 2), String.format(lookup, 3),
                        "store: lookup of user 2 cancelled",
                        "store: lookup of user 3 cancelled",
                        "main: <Task cancelled name='greet-task'>",
                        "main: done in [0-9.]+<note>")
                // Both lookups of a greeting start before either ends (the order above): they overlap.
                .tookAtLeast(1 + 2 + 1 + 0.5);
    }
}
