package dev.asyncio4j;

/**
 * Receives the errors an {@link EventLoop} cannot give to anyone: exceptions thrown by callbacks, failed Futures
 * nobody looked at. Installed with {@link EventLoop#setExceptionHandler(ExceptionHandler)}; it runs on the loop.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Handles one error. An exception thrown from here is logged and otherwise ignored.
     *
     * @param loop the loop that reports it
     * @param context what happened
     */
    void handle(EventLoop loop, ExceptionContext context);
}
