package dev.asyncio4j.examples.interop;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.kotlin.Suspend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import kotlin.coroutines.Continuation;

/**
 * The Kotlin interface {@link UserStore}, implemented in Java: each {@code suspend} method is a Java method that
 * takes the Kotlin caller's {@link Continuation} last and returns {@link Suspend#complete}. The body is an ordinary
 * Java coroutine body, run as a Java Task on the caller's loop: it awaits (here a simulated lookup of
 * {@code lookupSeconds}), throws, is cancelled when the Kotlin caller is.
 */
public final class InMemoryUserStore implements UserStore {
    private static final Map<Integer, String> NAMES = Map.of(1, "Ada", 2, "Grace", 3, "Barbara");

    private final double lookupSeconds;
    private final Consumer<String> say;

    /**
     * @param lookupSeconds how long each lookup takes
     * @param say           where to report lookups
     */
    public InMemoryUserStore(double lookupSeconds, Consumer<String> say) {
        this.lookupSeconds = lookupSeconds;
        this.say = say;
    }

    @Override
    public Object user(int id, Continuation<? super User> continuation) {
        return Suspend.complete(continuation, () -> {
            say.accept("store: looking up user " + id + " in " + Asyncio.currentTask().getName());
            try {
                Asyncio.await(Asyncio.sleep(lookupSeconds));     // the database round trip
            } catch (dev.asyncio4j.CancelledError e) {
                say.accept("store: lookup of user " + id + " cancelled");
                throw e;
            }
            String name = NAMES.get(id);
            if (name == null) {
                throw new NoSuchElementException("no user " + id);
            }
            return new User(id, name);
        });
    }

    @Override
    public Object users(List<Integer> ids, Continuation<? super List<User>> continuation) {
        return Suspend.complete(continuation, () -> {
            List<User> found = new ArrayList<>();
            for (int id : ids) {
                // Java calling the Kotlin-declared method of this very store, through Suspend.await.
                found.add(Suspend.await(c -> user(id, c)));
            }
            return found;
        });
    }
}
