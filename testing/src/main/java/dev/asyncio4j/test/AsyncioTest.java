package dev.asyncio4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replaces {@code @Test} on a JUnit Jupiter test method whose body runs on an event loop: the body runs as the main
 * Task of a fresh {@link TestLoop} (virtual time, autojump on), so it may {@code Asyncio.await}, sleep and time out
 * without waiting. A {@link TestLoop} (or {@link dev.asyncio4j.EventLoop}) parameter is injected when declared.
 *
 * <p>The test fails, besides failing by itself, when at its end (after the work its end made ready has run):
 * <ul>
 *   <li>Tasks are still pending (they are named, then cancelled);</li>
 *   <li>the loop's exception handler was called: an exception never retrieved from a Future or Task, an exception in
 *       a callback;</li>
 *   <li>the wall-clock guard {@link #timeoutSeconds()} passed (the main Task is cancelled then).</li>
 * </ul>
 * Like {@code @RepeatedTest}, it is a test template: the run appears as one invocation under the method. Works with
 * JUnit Jupiter 5.10 and later, 6.x included.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(AsyncioTestExtension.class)
// The extension is package-private on purpose (JUnit instantiates it reflectively: module-info opens the package to
// JUnit); users name only the annotation.
@SuppressWarnings("exports")
public @interface AsyncioTest {
    /**
     * The wall-clock guard: real seconds the test may take before its main Task is cancelled and it fails.
     *
     * @return the limit in seconds, {@code > 0}
     */
    double timeoutSeconds() default 60;

    /**
     * The opt-out: run this test on an ordinary loop in real time (a {@link TestLoop} parameter is then refused;
     * declare an {@link dev.asyncio4j.EventLoop} one). The same end-of-test checks apply.
     *
     * @return {@code true} for real time
     */
    boolean realTime() default false;
}
