package dev.asyncio4j.test;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * {@link AsyncioTest}'s extension: one invocation per test method, whose loop is made when the first parameter needs
 * it or when the method runs, and whose body runs as the loop's main Task ({@link LoopTestRun}). Only JUnit Jupiter
 * API present since 5.10 is used.
 */
final class AsyncioTestExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AsyncioTestExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(AsyncioTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        AsyncioTest settings = method.getAnnotation(AsyncioTest.class);
        if (!(settings.timeoutSeconds() > 0)) {
            throw new ExtensionConfigurationException("@AsyncioTest(timeoutSeconds = " + settings.timeoutSeconds()
                    + ") on " + method.getName() + ": pass a number of seconds > 0");
        }
        return Stream.of(new Invocation(settings));
    }

    /** The one run of an {@code @AsyncioTest} method. */
    private static final class Invocation implements TestTemplateInvocationContext {
        private final AsyncioTest settings;

        Invocation(AsyncioTest settings) {
            this.settings = settings;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return settings.realTime() ? "real time" : "virtual time";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new LoopRunner(settings));
        }
    }

    /** Makes the loop, injects it, and runs the method's body as its main Task. */
    private static final class LoopRunner implements ParameterResolver, InvocationInterceptor {
        private final AsyncioTest settings;

        LoopRunner(AsyncioTest settings) {
            this.settings = settings;
        }

        private EventLoop loop(ExtensionContext context) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent("loop",
                    key -> settings.realTime() ? Asyncio.newEventLoop() : TestLoop.create(), EventLoop.class);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == TestLoop.class || type == EventLoop.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (parameter.getParameter().getType() == TestLoop.class && settings.realTime()) {
                throw new ParameterResolutionException("a TestLoop parameter needs virtual time: drop realTime = true"
                        + " from @AsyncioTest, or declare an EventLoop parameter");
            }
            return loop(context);
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext context) throws Throwable {
            EventLoop loop = loop(context);
            String name = invocationContext.getExecutable().getName();
            LoopTestRun.run(loop, l -> l.createTask(() -> {
                proceed(invocation);
                return null;
            }, name), settings.timeoutSeconds(), "@AsyncioTest " + name);
        }

        private static void proceed(Invocation<Void> invocation) throws Exception {
            try {
                invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UndeclaredThrowableException(t);
            }
        }
    }
}
