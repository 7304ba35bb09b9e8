package dev.asyncio4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Lock;
import dev.asyncio4j.Queue;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every Future of the SDK is the one core ({@link FutureBase}), so they all behave alike: the same text, the same
 * thread rule and message on every mutator, the same callback scheduling.
 */
class FutureBaseTest {
    /** One of each kind of Future the SDK hands out, made inside a running loop, while all are pending. */
    private static Map<String, Future<?>> everyKind(EventLoop loop, Lock held, Queue<String> empty) {
        Map<String, Future<?>> all = new LinkedHashMap<>();
        Future<String> plain = loop.createFuture();
        all.put("createFuture", plain);
        all.put("java Task", loop.createTask(() -> Asyncio.await(Asyncio.sleep(10))));
        all.put("kotlin Task", KotlinTaskSamples.sleepingKotlinTask(loop, 10.0));
        all.put("sleep", Asyncio.sleep(10));
        all.put("sleep(0)", Asyncio.sleep(0));
        all.put("lock.acquire", held.acquire());
        all.put("queue.get", empty.get());
        all.put("gather", Asyncio.gather(plain));
        all.put("waitFor", Asyncio.waitFor(plain, 10.0));
        all.put("wait", Asyncio.wait(List.of(plain)));
        all.put("shield", Asyncio.shield(plain));
        all.put("asCompleted", Asyncio.asCompleted(List.of(plain)).iterator().next());
        all.put("thenApply", plain.thenApply(String::length));
        all.put("toThread", Asyncio.toThread(() -> {
            Thread.sleep(50);
            return 1;
        }));
        return all;
    }

    @Test
    void everyFutureOfTheSdkIsTheOneCore() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Map<String, Future<?>> all = everyKind(Asyncio.getRunningLoop(), lock, new Queue<>());
            all.forEach((kind, f) -> assertInstanceOf(FutureBase.class, f, kind));
            all.forEach((kind, f) -> {
                if (!f.isDone()) {
                    f.cancel();
                }
            });
            return null;
        });
    }

    @Test
    void everyMutatorOfEveryFutureRefusesAForeignThreadWithTheSameMessage() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Map<String, Future<?>> all = everyKind(loop, lock, new Queue<>());
            Map<String, String> messages = new LinkedHashMap<>();
            Thread foreign = new Thread(() -> {
                all.forEach((kind, f) -> {
                    @SuppressWarnings("unchecked")
                    Future<Object> any = (Future<Object>) f;
                    Consumer<Future<Object>> cb = x -> { };
                    List<Runnable> mutators = List.of(any::cancel, () -> any.cancel("m"), () -> any.addDoneCallback(cb),
                            () -> any.removeDoneCallback(cb));
                    for (Runnable m : mutators) {
                        IllegalStateException e = assertThrows(IllegalStateException.class, m::run, kind);
                        messages.put(kind + " " + m, e.getMessage());
                    }
                });
                IllegalStateException onLoop = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
                messages.put("loop.callSoon", onLoop.getMessage());
            }, "foreign-thread");
            foreign.start();
            foreign.join();
            assertEquals(all.size() * 4 + 1, messages.size(), String.valueOf(messages));
            for (String message : messages.values()) {
                // One rule, one text: the method, the caller, the loop's thread, and the thread-safe ways in.
                String generic = message.replaceFirst("^\\w+\\(\\)", "METHOD()");
                assertEquals("METHOD() called from thread 'foreign-thread', but the event loop runs in thread '"
                        + loopThreadName(message) + "': from another thread use loop.callSoonThreadsafe(...), "
                        + "Asyncio.runCoroutineThreadsafe(...) or future.toCompletableFuture()", generic);
            }
            all.values().forEach(f -> {
                if (!f.isDone()) {
                    f.cancel();
                }
            });
            return null;
        });
    }

    private static String loopThreadName(String message) {
        String marker = "runs in thread '";
        int from = message.indexOf(marker) + marker.length();
        return message.substring(from, message.indexOf('\'', from));
    }

    @Test
    void insideAJavaBodyTheBodysThreadActsOnTheLoop() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Map<String, Future<?>> all = everyKind(Asyncio.getRunningLoop(), lock, new Queue<>());
            Consumer<Future<?>> cb = x -> { };
            for (Future<?> f : all.values()) {
                @SuppressWarnings("unchecked")
                Future<Object> any = (Future<Object>) f;
                any.addDoneCallback(cb);
                assertEquals(1, any.removeDoneCallback(cb));
                any.cancel();
            }
            return null;
        });
    }

    @Test
    void everyFutureSpellsItsResultAsPythonsRepr() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> plain = loop.createFuture();
            plain.setResult("it's");
            Queue<String> q = new Queue<>();
            q.putNowait("abc");
            Future<String> got = q.get();
            Task<String> task = loop.createTask(() -> "abc", "t");
            Asyncio.await(task);
            Future<List<String>> gathered = Asyncio.gather(task);
            Asyncio.await(gathered);
            assertEquals("<Future finished result='it\\'s'>", plain.toString());
            assertEquals("<Future finished result='abc'>", got.toString());
            assertEquals("<Task finished name='t' result='abc'>", task.toString());
            assertEquals("<Future finished result=[abc]>", gathered.toString());
            return null;
        });
    }

    @Test
    void aFailureRetrievedThroughTheBridgeOfAnotherThreadIsNotReported() {
        List<Throwable> reported = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> reported.add(ctx.exception()));
            Queue<String> q = new Queue<>();
            q.shutdown();
            Future<String> failedOperation = q.get();
            Future<String> failedPlain = Asyncio.getRunningLoop().createFuture();
            failedPlain.setException(new IllegalStateException("plain"));
            Asyncio.await(Asyncio.sleep(0));
            CompletableFuture<?>[] bridges = new CompletableFuture<?>[2];
            Thread foreign = new Thread(() -> {
                bridges[0] = failedOperation.toCompletableFuture();
                bridges[1] = failedPlain.toCompletableFuture();
            });
            foreign.start();
            foreign.join();
            assertTrue(bridges[0].isCompletedExceptionally() && bridges[1].isCompletedExceptionally());
            Asyncio.await(Asyncio.sleep(0)); // the retrieval, posted to the loop, runs here
            return null;
        });
        assertEquals(List.of(), reported);
    }
}
