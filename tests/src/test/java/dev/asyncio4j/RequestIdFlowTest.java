package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/CONTEXTVARS.md's request id, as written there: two requests interleave on one loop, through sleeps,
 * {@code toThread} and child Tasks, and every log line carries its own request's id; and the MDC bridge (a
 * ThreadLocal filled from the ContextVar at log time) never shows another Task's id.
 */
class RequestIdFlowTest {
    static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");

    /** A ThreadLocal MDC, as SLF4J's: what a logging bridge fills right before each event. */
    static final ThreadLocal<Map<String, String>> MDC = ThreadLocal.withInitial(HashMap::new);

    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    Task<String> handle(String id, Coroutine<String> work) {
        return Asyncio.createTask(() -> {
            REQUEST_ID.set(id);
            return work.run();
        }, "request-" + id);
    }

    String work() {
        log("start");
        Asyncio.await(Asyncio.sleep(0.01));
        String row = Asyncio.await(Asyncio.toThread(() -> {
            log("blocking query");
            return "row";
        }));
        Task<String> audit = Asyncio.createTask(() -> {
            log("audit");
            return "ok";
        });
        return row + "/" + Asyncio.await(audit);
    }

    /** The bridge: the MDC is set from the ContextVar on the logging thread, then the "appender" reads the MDC. */
    void log(String message) {
        MDC.get().put("request_id", REQUEST_ID.get());
        lines.add("[" + MDC.get().get("request_id") + "] " + message);
    }

    @Test
    void requestIdsNeverMix() {
        List<String> results = Asyncio.run(() -> {
            Task<String> a = handle("r-1", this::work);
            Task<String> b = handle("r-2", this::work);
            return Asyncio.await(Asyncio.gather(a, b));
        });
        assertEquals(List.of("row/ok", "row/ok"), results);
        for (String id : List.of("r-1", "r-2")) {
            assertEquals(List.of("[" + id + "] start", "[" + id + "] blocking query", "[" + id + "] audit"),
                    lines.stream().filter(l -> l.startsWith("[" + id + "]")).toList());
        }
        assertEquals(6, lines.size());
        assertEquals("-", REQUEST_ID.get());
    }

    @Test
    @SuppressWarnings("try") // the docs' form: the token is only there to be closed
    void tokenResetsForABlock() {
        new Context().run(() -> {
            try (ContextVar.Token<String> ignored = REQUEST_ID.set("r-3")) {
                log("inline");
            }
            log("after");
        });
        assertEquals(List.of("[r-3] inline", "[-] after"), lines);
    }
}
