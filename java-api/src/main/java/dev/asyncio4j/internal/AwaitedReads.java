package dev.asyncio4j.internal;

/**
 * A transport told when a {@link dev.asyncio4j.StreamReader} waits for its data: a loop with virtual time counts
 * such a wait as work outside the loop (the peer's bytes come in real time, so the clock must not jump over them),
 * unless the peer is on the same loop (then the loop's own progress brings the bytes). The runtime's socket
 * transports implement it. Not for users.
 *
 * <p><b>Thread-safety.</b> Loop-confined: called on the loop's thread, by the reader.
 */
public interface AwaitedReads {
    /**
     * A read began waiting for data ({@code true}), or that wait is over ({@code false}: data, end of file, an
     * error, or the read was cancelled).
     *
     * @param waiting whether a read waits now
     */
    void readerWaits(boolean waiting);
}
