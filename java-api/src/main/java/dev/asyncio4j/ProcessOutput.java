package dev.asyncio4j;

import java.util.Arrays;

/**
 * What {@link Subprocess#communicate(byte[])} read: Python's {@code (stdout_data, stderr_data)} tuple.
 *
 * <p>Immutable as far as the record goes: the arrays are the ones read, handed over without a copy. Unlike a plain
 * record of arrays, {@link #equals(Object)}, {@link #hashCode()} and {@link #toString()} look at the bytes.
 *
 * @param stdout everything the child wrote to its standard output, or {@code null} when stdout was not
 *        {@link Stdio#PIPE}
 * @param stderr everything it wrote to its standard error, or {@code null} when stderr was not {@link Stdio#PIPE}
 */
public record ProcessOutput(byte[] stdout, byte[] stderr) {
    /**
     * Equal when both hold the same bytes (or both {@code null}) in each stream.
     *
     * @param o the other object
     * @return whether {@code o} is a {@code ProcessOutput} with the same bytes
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessOutput other && Arrays.equals(stdout, other.stdout)
                && Arrays.equals(stderr, other.stderr);
    }

    /**
     * A hash of the bytes.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(stdout) + Arrays.hashCode(stderr);
    }

    /**
     * The sizes of both streams, for logs: {@code ProcessOutput[stdout=12 bytes, stderr=null]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "ProcessOutput[stdout=" + describe(stdout) + ", stderr=" + describe(stderr) + "]";
    }

    private static String describe(byte[] b) {
        return b == null ? "null" : b.length + " bytes";
    }
}
