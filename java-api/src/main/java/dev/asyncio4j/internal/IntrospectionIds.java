package dev.asyncio4j.internal;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The ids that call graphs and task dumps show for Futures (CPython shows {@code id(task)}, an address): unique in
 * the JVM and stable for a Future's life, numbered when a Future is first shown. Futures are only looked up here when
 * someone introspects, so it costs the runtime nothing; the map is weak, so it keeps no Future alive. Futures use
 * identity equality, which makes the {@link WeakHashMap} an identity map. Not for users.
 *
 * <p><b>Thread-safety.</b> Thread-safe (synchronized: only diagnostics call it).
 */
public final class IntrospectionIds {
    private static final Map<Object, Long> IDS = new WeakHashMap<>();
    private static long next = 1;

    private IntrospectionIds() {
    }

    /**
     * The id of {@code future}, numbering it on first use.
     *
     * @param future a Future or Task
     * @return its id, at least 1
     */
    public static synchronized long of(Object future) {
        Long id = IDS.get(future);
        if (id == null) {
            id = next++;
            IDS.put(future, id);
        }
        return id;
    }
}
