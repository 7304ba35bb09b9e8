package dev.asyncio4j;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Future;
import dev.asyncio4j.TimeoutError;
import dev.asyncio4j.TimerHandle;
import java.util.ArrayList;
import java.util.List;

/** Small test helpers standing in for asyncio helpers these tests need (used only inside coroutine bodies). */
final class Aio {
    private Aio() {
    }

    /** {@code await asyncio.sleep(0)}. */
    static void sleep0() {
        Asyncio.await(Asyncio.sleep(0));
    }

    static void sleep(double seconds) {
        Asyncio.await(Asyncio.sleep(seconds));
    }

    /** {@code await asyncio.gather(*fs, return_exceptions=True)}: results, or the Throwable each raised. */
    static List<Object> gatherReturnExceptions(Future<?>... fs) {
        List<Object> out = new ArrayList<>();
        for (Future<?> f : fs) {
            try {
                out.add(Asyncio.await(f));
            } catch (RuntimeException e) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code await asyncio.gather(*fs)} for Futures that all succeed. */
    static List<Object> gather(Future<?>... fs) {
        List<Object> out = new ArrayList<>();
        for (Future<?> f : fs) {
            out.add(Asyncio.await(f));
        }
        return out;
    }

    /** {@code await asyncio.wait_for(f, timeout)}: cancels {@code f} at the deadline and waits for it to end. */
    static <T> T waitFor(Future<T> f, double timeout) {
        boolean[] fired = {false};
        TimerHandle timer = Asyncio.getRunningLoop().callLater(timeout, () -> {
            fired[0] = true;
            f.cancel();
        });
        try {
            return Asyncio.await(f);
        } catch (CancelledError e) {
            if (fired[0]) {
                throw new TimeoutError();
            }
            throw e;
        } finally {
            timer.cancel();
        }
    }
}
