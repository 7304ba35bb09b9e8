package dev.asyncio4j;

/** When {@link Asyncio#wait(java.util.Collection, Double, ReturnWhen)} returns. */
public enum ReturnWhen {
    /** As soon as any Future finishes or is cancelled. */
    FIRST_COMPLETED,
    /** As soon as any Future fails with an exception; if none does, when all are done. */
    FIRST_EXCEPTION,
    /** When every Future is done. */
    ALL_COMPLETED
}
