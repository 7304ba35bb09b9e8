package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh loop per test whose exception handler records what it is given. */
abstract class LoopTestSupport {
    protected EventLoop loop;
    protected final List<ExceptionContext> errors = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void createLoop() {
        loop = Asyncio.newEventLoop();
        loop.setExceptionHandler((l, ctx) -> errors.add(ctx));
    }

    @AfterEach
    void closeLoop() {
        if (!loop.isClosed()) {
            loop.close();
        }
    }

    /** Runs exactly one loop iteration: {@link LoopTesting#runOnce}. */
    protected void runOnce() {
        LoopTesting.runOnce(loop);
    }

    /** {@link LoopTesting#runBriefly}. */
    protected void runBriefly() {
        LoopTesting.runBriefly(loop);
    }
}
