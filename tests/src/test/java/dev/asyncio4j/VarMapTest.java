package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The persistent map behind {@link Context} against a {@link HashMap} model (CPython's {@code test_hamt_stress},
 * {@code test_hamt_delete_*} and {@code test_hamt_collision_*}): random sets and removals, every older version still
 * intact afterwards.
 */
class VarMapTest {
    @Test
    void randomOperationsMatchAModelAndOldVersionsStayIntact() {
        Random random = new Random(42);
        List<ContextVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            vars.add(new ContextVar<>("v" + i));
        }
        VarMap map = VarMap.EMPTY;
        Map<ContextVar<?>, Object> model = new HashMap<>();
        List<VarMap> versions = new ArrayList<>();
        List<Map<ContextVar<?>, Object>> models = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            ContextVar<Integer> v = vars.get(random.nextInt(random.nextBoolean() ? 12 : vars.size()));
            if (random.nextInt(3) == 0) {
                map = map.without(v);
                model.remove(v);
            } else {
                Integer value = random.nextInt(5) == 0 ? null : random.nextInt(1000);
                map = map.with(v, value);
                model.put(v, value);
            }
            assertEquals(model.size(), map.size());
            if (step % 500 == 0) {
                versions.add(map);
                models.add(new HashMap<>(model));
            }
        }
        for (int i = 0; i < versions.size(); i++) {
            assertSameContents(models.get(i), versions.get(i), vars);
        }
        assertSameContents(model, map, vars);
    }

    @Test
    void removingEverythingGivesTheEmptyMap() {
        List<ContextVar<Integer>> vars = new ArrayList<>();
        VarMap map = VarMap.EMPTY;
        for (int i = 0; i < 100; i++) {
            ContextVar<Integer> v = new ContextVar<>("v" + i);
            vars.add(v);
            map = map.with(v, i);
        }
        for (ContextVar<Integer> v : vars) {
            map = map.without(v);
        }
        assertSame(VarMap.EMPTY, map);
    }

    @Test
    void unchangedWritesReturnTheSameMap() {
        ContextVar<String> a = new ContextVar<>("a");
        ContextVar<String> absent = new ContextVar<>("absent");
        String value = "x";
        VarMap map = VarMap.EMPTY.with(a, value);
        assertSame(map, map.with(a, value));
        assertSame(map, map.without(absent));
        VarMap big = map;
        for (int i = 0; i < 40; i++) {
            big = big.with(new ContextVar<>("b" + i), i);
        }
        assertSame(big, big.with(a, value));
        assertSame(big, big.without(absent));
    }

    /**
     * Variables with one hash (which only happens after 2^32 variables): forced here, they live side by side in a
     * collision node, under a branch once other hashes join.
     */
    @Test
    void variablesWithTheSameHashStayApart() throws Exception {
        java.lang.reflect.Field hash = ContextVar.class.getDeclaredField("hash");
        hash.setAccessible(true);
        List<ContextVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ContextVar<Integer> v = new ContextVar<>("c" + i);
            if (i % 3 != 0) {
                hash.setInt(v, i % 2 == 0 ? 0x12345678 : 0x12345678 ^ (1 << 31));
            }
            vars.add(v);
        }
        Random random = new Random(7);
        VarMap map = VarMap.EMPTY;
        Map<ContextVar<?>, Object> model = new HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            ContextVar<Integer> v = vars.get(random.nextInt(vars.size()));
            if (random.nextInt(3) == 0) {
                map = map.without(v);
                model.remove(v);
            } else {
                map = map.with(v, step);
                model.put(v, step);
            }
            assertSameContents(model, map, vars);
        }
    }

    private static void assertSameContents(Map<ContextVar<?>, Object> model, VarMap map, List<ContextVar<Integer>> vars) {
        assertEquals(model.size(), map.size());
        for (ContextVar<Integer> v : vars) {
            Object found = map.find(v);
            if (model.containsKey(v)) {
                assertEquals(model.get(v), found);
            } else {
                assertSame(VarMap.MISSING, found);
            }
        }
        Map<ContextVar<?>, Object> seen = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            assertTrue(!seen.containsKey(k), "seen twice: " + k);
            seen.put(k, v);
        });
        assertEquals(model, seen);
    }
}
