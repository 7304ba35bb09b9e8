package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * CPython's test_context ({@code ContextTest}; the HAMT tests are about CPython's C type and have a counterpart in
 * {@link VarMapTest}). Each test runs in a fresh {@code Context} (CPython's {@code isolated_context}) so that nothing
 * leaks into the thread's own context between tests.
 */
class ContextTest {
    private static <T> T isolated(java.util.concurrent.Callable<T> test) {
        return new Context().run(test);
    }

    private static void isolated(Runnable test) {
        new Context().run(test);
    }

    @Test
    void contextVarNew1() {
        assertThrows(NullPointerException.class, () -> new ContextVar<>(null));
        ContextVar<Object> c = new ContextVar<>("aaa");
        assertEquals("aaa", c.name());
        assertNotEquals("aaa".hashCode(), c.hashCode());
    }

    @Test
    void contextVarRepr1() {
        isolated(() -> {
            ContextVar<Object> c = new ContextVar<>("a");
            assertTrue(c.toString().contains("'a'"), c.toString());

            c = new ContextVar<>("a", 123);
            assertTrue(c.toString().contains("123"), c.toString());

            List<Object> lst = new ArrayList<>();
            ContextVar<Object> d = new ContextVar<>("a", lst);
            lst.add(d);
            assertTrue(d.toString().contains("..."), d.toString());
            assertTrue(lst.toString().contains("..."), lst.toString());

            ContextVar.Token<Object> t = d.set(1);
            assertTrue(t.toString().contains(d.toString()), t.toString());
            assertFalse(t.toString().contains(" used "), t.toString());
            d.reset(t);
            assertTrue(t.toString().contains(" used "), t.toString());
        });
    }

    @Test
    void tokenRepr1() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("a");
            ContextVar.Token<Integer> tok = c.set(1);
            assertTrue(tok.toString().matches("^<Token var=<ContextVar name='a' at 0x[0-9a-fA-F]+> at 0x[0-9a-fA-F]+>$"),
                    tok.toString());
        });
    }

    @Test
    void contextGetContext1() {
        assertSame(Context.class, Context.copyContext().getClass());
    }

    @Test
    void contextRunNull() {
        Context ctx = new Context();
        assertThrows(NullPointerException.class, () -> ctx.run((java.util.concurrent.Callable<Object>) null));
        assertThrows(NullPointerException.class, () -> ctx.run((Runnable) null));
    }

    @Test
    void contextRun3ExceptionsPassThrough() {
        Context ctx = new Context();
        assertThrows(ArithmeticException.class, () -> ctx.run(() -> 1 / zero()));
        // A checked exception follows the rethrow rule.
        CompletionException e = assertThrows(CompletionException.class, () -> ctx.run(() -> {
            throw new IOException("boom");
        }));
        assertEquals("boom", e.getCause().getMessage());
    }

    private static int zero() {
        return 0;
    }

    @Test
    void contextRun4() {
        isolated(() -> {
            Context ctx1 = new Context();
            Context ctx2 = new Context();
            ContextVar<String> var = new ContextVar<>("var");

            Context returned = ctx1.run(() -> {
                assertNull(var.get(null));
                var.set("spam");
                ctx2.run(() -> assertNull(var.get(null)));
                assertEquals("spam", var.get(null));

                Context cur = Context.copyContext();
                assertEquals(1, cur.size());
                assertEquals("spam", cur.get(var));
                return cur;
            });
            assertEquals(ctx1, returned);
            assertEquals("spam", returned.get(var));
            assertTrue(returned.contains(var));
        });
    }

    @Test
    void contextRun5() {
        Context ctx = new Context();
        ContextVar<String> var = new ContextVar<>("var");
        assertThrows(ArithmeticException.class, () -> ctx.run(() -> {
            assertNull(var.get(null));
            var.set("spam");
            return 1 / zero();
        }));
        assertNull(var.get(null));
    }

    @Test
    void contextRun6() {
        Context ctx = new Context();
        ContextVar<Integer> c = new ContextVar<>("a", 0);
        ctx.run(() -> {
            assertEquals(0, c.get());
            assertNull(ctx.get(c, null));
            c.set(42);
            assertEquals(42, c.get());
            assertEquals(42, ctx.get(c, null));
        });
    }

    @Test
    void contextRun7() {
        Context ctx = new Context();
        ctx.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.run(() -> {
            }));
            assertTrue(e.getMessage().contains("is already entered"), e.getMessage());
        });
    }

    @Test
    void contextGetset1() {
        isolated(() -> {
            ContextVar<Object> c = new ContextVar<>("c");
            assertThrows(NoSuchElementException.class, c::get);
            assertNull(c.get(null));

            ContextVar.Token<Object> t0 = c.set(42);
            assertEquals(42, c.get());
            assertEquals(42, c.get(null));
            assertFalse(t0.hadValue());
            assertNull(t0.oldValue());
            assertSame(c, t0.var());

            ContextVar.Token<Object> t = c.set("spam");
            assertEquals("spam", c.get());
            assertEquals("spam", c.get(null));
            assertTrue(t.hadValue());
            assertEquals(42, t.oldValue());
            c.reset(t);

            assertEquals(42, c.get());
            assertEquals(42, c.get(null));

            c.set("spam2");
            IllegalStateException used = assertThrows(IllegalStateException.class, () -> c.reset(t));
            assertTrue(used.getMessage().contains("has already been used"), used.getMessage());
            assertEquals("spam2", c.get());

            Context ctx1 = Context.copyContext();
            assertTrue(ctx1.contains(c));

            c.reset(t0);
            assertThrows(IllegalStateException.class, () -> c.reset(t0));
            assertNull(c.get(null));

            assertTrue(ctx1.contains(c));
            assertEquals("spam2", ctx1.get(c));
            assertEquals("spam2", ctx1.get(c, "aa"));
            assertEquals(1, ctx1.size());
            assertEquals(Map.of(c, "spam2"), ctx1.toMap());

            Context ctx2 = Context.copyContext();
            assertFalse(ctx2.contains(c));
            assertThrows(NoSuchElementException.class, () -> ctx2.get(c));
            assertEquals("aa", ctx2.get(c, "aa"));
            assertEquals(0, ctx2.size());
            assertTrue(ctx2.toMap().isEmpty());
        });
    }

    @Test
    void contextGetset2() {
        isolated(() -> {
            ContextVar<Object> v1 = new ContextVar<>("v1");
            ContextVar<Object> v2 = new ContextVar<>("v2");
            ContextVar.Token<Object> t1 = v1.set(42);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v2.reset(t1));
            assertTrue(e.getMessage().contains("by a different"), e.getMessage());
        });
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"}) // CPython's ctx.get(c, 'spam'): a default of another type
    void contextGetset3() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("c", 42);
            Context ctx = new Context();
            ctx.run(() -> {
                assertEquals(42, c.get());
                assertThrows(NoSuchElementException.class, () -> ctx.get(c));
                assertNull(ctx.get(c, null));
                assertEquals("spam", ctx.get((ContextVar) c, "spam"));
                assertFalse(ctx.contains(c));
                assertTrue(ctx.toMap().isEmpty());

                ContextVar.Token<Integer> t = c.set(1);
                assertEquals(List.of(c), new ArrayList<>(ctx.toMap().keySet()));
                assertEquals(1, ctx.get(c));

                c.reset(t);
                assertTrue(ctx.toMap().isEmpty());
                assertThrows(NoSuchElementException.class, () -> ctx.get(c));
            });
        });
    }

    @Test
    void contextGetset4() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("c", 42);
            Context ctx = new Context();
            ContextVar.Token<Integer> tok = ctx.run(() -> c.set(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.reset(tok));
            assertTrue(e.getMessage().contains("different Context"), e.getMessage());
        });
    }

    @Test
    void contextGetset5() {
        isolated(() -> {
            ContextVar<List<Integer>> c = new ContextVar<>("c", List.of());
            c.set(new ArrayList<>());
            Context.copyContext().run(() -> {
                c.set(new ArrayList<>());
                c.get().add(42);
                assertEquals(List.of(42), c.get());
            });
            assertEquals(List.of(), c.get());
        });
    }

    @Test
    void contextCopy1() {
        Context ctx1 = new Context();
        ContextVar<Integer> c = new ContextVar<>("c", 42);
        ctx1.run(() -> {
            c.set(10);

            Context ctx2 = ctx1.copy();
            assertEquals(10, ctx2.get(c));

            c.set(20);
            assertEquals(20, ctx1.get(c));
            assertEquals(10, ctx2.get(c));

            ctx2.run(() -> {
                assertEquals(10, c.get());
                c.set(30);
                assertEquals(30, c.get());
            });
            assertEquals(20, ctx1.get(c));
            assertEquals(30, ctx2.get(c));
        });
    }

    @Test
    void contextThreads1() throws Exception {
        isolated(() -> {
            ContextVar<Integer> cvar = new ContextVar<>("cvar");
            ExecutorService tp = Executors.newFixedThreadPool(10);
            try {
                List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
                for (int n = 0; n < 10; n++) {
                    int num = n;
                    results.add(tp.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            cvar.set(num + i);
                            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5));
                            assertEquals(num + i, cvar.get());
                        }
                        return num;
                    }));
                }
                for (int n = 0; n < 10; n++) {
                    assertEquals(n, results.get(n).get());
                }
            } finally {
                tp.shutdown();
                assertTrue(tp.awaitTermination(10, TimeUnit.SECONDS));
            }
            return null;
        });
    }

    /** A new thread starts with an empty context of its own (CPython), whatever its creator's holds. */
    @Test
    void newThreadStartsEmpty() throws Exception {
        ContextVar<String> v = new ContextVar<>("v");
        new Context().run(() -> {
            v.set("creator");
            AtomicReference<String> seen = new AtomicReference<>("unset");
            Thread t = new Thread(() -> seen.set(v.get("none")));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals("none", seen.get());
            assertEquals("creator", v.get());
        });
    }

    /** Python 3.14: a Token is a context manager; here it is AutoCloseable. */
    @Test
    void tokenClosesToReset() {
        isolated(() -> {
            ContextVar<String> v = new ContextVar<>("v", "default");
            try (ContextVar.Token<String> outer = v.set("inside")) {
                assertEquals("inside", v.get());
                assertFalse(outer.hadValue());
                try (ContextVar.Token<String> inner = v.set("inner")) {
                    assertEquals("inner", v.get());
                    assertSame(v, inner.var());
                }
                assertEquals("inside", v.get());
            }
            assertEquals("default", v.get());
            assertFalse(Context.copyContext().contains(v));
        });
    }

    @Test
    void getFallbackWinsOverDefault() {
        isolated(() -> {
            ContextVar<String> v = new ContextVar<>("v", "default");
            assertEquals("fallback", v.get("fallback"));
            assertEquals("default", v.get());
            v.set(null);
            assertNull(v.get("fallback"));
            assertNull(v.get());
            assertTrue(Context.copyContext().contains(v));
        });
    }

    @Test
    void contextEqualityIsByBindings() {
        isolated(() -> {
            ContextVar<String> a = new ContextVar<>("a");
            ContextVar<String> b = new ContextVar<>("b");
            Context x = new Context();
            Context y = new Context();
            assertEquals(x, y);
            assertEquals(x.hashCode(), y.hashCode());
            x.run(() -> {
                a.set("1");
                b.set(new String("2"));
            });
            y.run(() -> {
                b.set("2");
                a.set("1");
            });
            assertEquals(x, y);
            assertEquals(x.hashCode(), y.hashCode());
            y.run(() -> a.set("other"));
            assertNotEquals(x, y);
        });
    }

    /** Many variables: the map becomes a trie past a handful, and shrinks back. */
    @Test
    void manyVariablesInOneContext() {
        isolated(() -> {
            List<ContextVar<Integer>> vars = new ArrayList<>();
            List<ContextVar.Token<Integer>> tokens = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ContextVar<Integer> v = new ContextVar<>("v" + i);
                vars.add(v);
                tokens.add(v.set(i));
            }
            Context snapshot = Context.copyContext();
            assertEquals(200, snapshot.size());
            for (int i = 0; i < 200; i++) {
                assertEquals(i, vars.get(i).get());
            }
            for (int i = 199; i >= 0; i--) {
                vars.get(i).reset(tokens.get(i));
            }
            assertEquals(0, Context.copyContext().size());
            for (int i = 0; i < 200; i++) {
                assertEquals(i, snapshot.get(vars.get(i)));
                assertNull(vars.get(i).get(null));
            }
        });
    }
}
