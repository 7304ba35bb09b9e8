package dev.asyncio4j;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The immutable mapping behind a {@link Context} (CPython's HAMT): from {@link ContextVar} (by identity) to value.
 * Copying a Context shares its map, so a copy costs one small object whatever the number of variables; every change
 * builds a new map that shares all it can with the old one.
 *
 * <p>Most contexts hold a handful of variables: up to {@link #FLAT_MAX} of them sit in one flat array
 * ({@code [var0, value0, var1, value1, ...]}, insertion order), searched linearly by identity, which beats any tree
 * at that size. Past it, the map becomes a hash array mapped trie keyed by {@link ContextVar#hash}: 32-way bitmap
 * nodes, a change copies one path of at most seven nodes. Two variables share a hash only after 2^32 variables were
 * created; a collision node keeps them apart even then.
 *
 * <p>Immutable, hence thread-safe. Values may be {@code null}; absence is told apart by a sentinel.
 */
abstract class VarMap {
    /** Absent: {@link #find} returns it when the variable has no value in the map. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<Token.MISSING>";
        }
    };

    /** The most variables kept in one flat array. */
    static final int FLAT_MAX = 8;

    static final VarMap EMPTY = new Flat(new Object[0]);

    private VarMap() {
    }

    /** The value of {@code var}, or {@link #MISSING}. */
    abstract Object find(ContextVar<?> var);

    /** This map with {@code var} bound to {@code value} (this very map when it already is). */
    abstract VarMap with(ContextVar<?> var, Object value);

    /** This map without {@code var} (this very map when it has no value). */
    abstract VarMap without(ContextVar<?> var);

    abstract int size();

    /** Each binding once; a flat map in insertion order, a trie in hash order. */
    abstract void forEach(BiConsumer<ContextVar<?>, Object> action);

    /** Same bindings, values compared with {@code equals} (Python's Mapping equality). */
    final boolean sameBindings(VarMap other) {
        if (other == this) {
            return true;
        }
        if (other.size() != size()) {
            return false;
        }
        boolean[] same = {true};
        forEach((var, value) -> {
            if (same[0]) {
                Object o = other.find(var);
                same[0] = o != MISSING && java.util.Objects.equals(o, value);
            }
        });
        return same[0];
    }

    final int bindingsHash() {
        int[] h = {0};
        forEach((var, value) -> h[0] += System.identityHashCode(var) ^ java.util.Objects.hashCode(value));
        return h[0];
    }

    // ------------------------------------------------------------------ flat

    private static final class Flat extends VarMap {
        private final Object[] kv;

        Flat(Object[] kv) {
            this.kv = kv;
        }

        @Override
        Object find(ContextVar<?> var) {
            Object[] a = kv;
            for (int i = 0; i < a.length; i += 2) {
                if (a[i] == var) {
                    return a[i + 1];
                }
            }
            return MISSING;
        }

        @Override
        VarMap with(ContextVar<?> var, Object value) {
            Object[] a = kv;
            for (int i = 0; i < a.length; i += 2) {
                if (a[i] == var) {
                    if (a[i + 1] == value) {
                        return this;
                    }
                    Object[] b = a.clone();
                    b[i + 1] = value;
                    return new Flat(b);
                }
            }
            if (a.length / 2 == FLAT_MAX) {
                VarMap trie = new Trie(Bitmap.EMPTY, 0);
                for (int i = 0; i < a.length; i += 2) {
                    trie = trie.with((ContextVar<?>) a[i], a[i + 1]);
                }
                return trie.with(var, value);
            }
            Object[] b = Arrays.copyOf(a, a.length + 2);
            b[a.length] = var;
            b[a.length + 1] = value;
            return new Flat(b);
        }

        @Override
        VarMap without(ContextVar<?> var) {
            Object[] a = kv;
            for (int i = 0; i < a.length; i += 2) {
                if (a[i] == var) {
                    if (a.length == 2) {
                        return EMPTY;
                    }
                    Object[] b = new Object[a.length - 2];
                    System.arraycopy(a, 0, b, 0, i);
                    System.arraycopy(a, i + 2, b, i, a.length - i - 2);
                    return new Flat(b);
                }
            }
            return this;
        }

        @Override
        int size() {
            return kv.length / 2;
        }

        @Override
        void forEach(BiConsumer<ContextVar<?>, Object> action) {
            Object[] a = kv;
            for (int i = 0; i < a.length; i += 2) {
                action.accept((ContextVar<?>) a[i], a[i + 1]);
            }
        }
    }

    // ------------------------------------------------------------------ trie

    private static final class Trie extends VarMap {
        private final Node root;
        private final int size;

        Trie(Node root, int size) {
            this.root = root;
            this.size = size;
        }

        @Override
        Object find(ContextVar<?> var) {
            return root.find(0, var.hash, var);
        }

        @Override
        VarMap with(ContextVar<?> var, Object value) {
            boolean[] added = new boolean[1];
            Node r = root.with(0, var.hash, var, value, added);
            return r == root ? this : new Trie(r, added[0] ? size + 1 : size);
        }

        @Override
        VarMap without(ContextVar<?> var) {
            Node r = root.without(0, var.hash, var);
            if (r == root) {
                return this;
            }
            if (size - 1 <= FLAT_MAX) {
                Object[] kv = new Object[2 * (size - 1)];
                int[] i = {0};
                if (r != null) {
                    r.forEach((k, v) -> {
                        kv[i[0]++] = k;
                        kv[i[0]++] = v;
                    });
                }
                return kv.length == 0 ? EMPTY : new Flat(kv);
            }
            return new Trie(r, size - 1);
        }

        @Override
        int size() {
            return size;
        }

        @Override
        void forEach(BiConsumer<ContextVar<?>, Object> action) {
            root.forEach(action);
        }
    }

    private abstract static class Node {
        abstract Object find(int shift, int hash, ContextVar<?> var);

        abstract Node with(int shift, int hash, ContextVar<?> var, Object value, boolean[] added);

        /** This node without {@code var}: the same node when absent, {@code null} when nothing is left. */
        abstract Node without(int shift, int hash, ContextVar<?> var);

        abstract void forEach(BiConsumer<ContextVar<?>, Object> action);

        static Node pair(int shift, ContextVar<?> var1, Object value1, int hash2, ContextVar<?> var2, Object value2) {
            int hash1 = var1.hash;
            if (hash1 == hash2) {
                return new Collision(hash1, new Object[] {var1, value1, var2, value2});
            }
            boolean[] ignored = new boolean[1];
            return Bitmap.EMPTY.with(shift, hash1, var1, value1, ignored).with(shift, hash2, var2, value2, ignored);
        }
    }

    /**
     * A 32-way branch: for each bit set in {@link #bitmap}, two slots in {@link #slots}: a variable and its value, or
     * {@code null} and the child node for the variables whose hashes share this branch so far.
     */
    private static final class Bitmap extends Node {
        static final Bitmap EMPTY = new Bitmap(0, new Object[0]);

        private final int bitmap;
        private final Object[] slots;

        Bitmap(int bitmap, Object[] slots) {
            this.bitmap = bitmap;
            this.slots = slots;
        }

        private static int bit(int shift, int hash) {
            return 1 << ((hash >>> shift) & 31);
        }

        private int index(int bit) {
            return 2 * Integer.bitCount(bitmap & (bit - 1));
        }

        @Override
        Object find(int shift, int hash, ContextVar<?> var) {
            int bit = bit(shift, hash);
            if ((bitmap & bit) == 0) {
                return MISSING;
            }
            int i = index(bit);
            Object k = slots[i];
            if (k == null) {
                return ((Node) slots[i + 1]).find(shift + 5, hash, var);
            }
            return k == var ? slots[i + 1] : MISSING;
        }

        @Override
        Node with(int shift, int hash, ContextVar<?> var, Object value, boolean[] added) {
            int bit = bit(shift, hash);
            int i = index(bit);
            if ((bitmap & bit) == 0) {
                Object[] s = new Object[slots.length + 2];
                System.arraycopy(slots, 0, s, 0, i);
                s[i] = var;
                s[i + 1] = value;
                System.arraycopy(slots, i, s, i + 2, slots.length - i);
                added[0] = true;
                return new Bitmap(bitmap | bit, s);
            }
            Object k = slots[i];
            Object v = slots[i + 1];
            if (k == null) {
                Node child = (Node) v;
                Node c = child.with(shift + 5, hash, var, value, added);
                return c == child ? this : replace(i, null, c);
            }
            if (k == var) {
                return v == value ? this : replace(i, var, value);
            }
            added[0] = true;
            return replace(i, null, pair(shift + 5, (ContextVar<?>) k, v, hash, var, value));
        }

        private Bitmap replace(int i, Object key, Object value) {
            Object[] s = slots.clone();
            s[i] = key;
            s[i + 1] = value;
            return new Bitmap(bitmap, s);
        }

        @Override
        Node without(int shift, int hash, ContextVar<?> var) {
            int bit = bit(shift, hash);
            if ((bitmap & bit) == 0) {
                return this;
            }
            int i = index(bit);
            Object k = slots[i];
            if (k == null) {
                Node child = (Node) slots[i + 1];
                Node c = child.without(shift + 5, hash, var);
                if (c == child) {
                    return this;
                }
                if (c != null) {
                    return replace(i, null, c);
                }
            } else if (k != var) {
                return this;
            }
            if (bitmap == bit) {
                return null;
            }
            Object[] s = new Object[slots.length - 2];
            System.arraycopy(slots, 0, s, 0, i);
            System.arraycopy(slots, i + 2, s, i, slots.length - i - 2);
            return new Bitmap(bitmap & ~bit, s);
        }

        @Override
        void forEach(BiConsumer<ContextVar<?>, Object> action) {
            for (int i = 0; i < slots.length; i += 2) {
                Object k = slots[i];
                if (k == null) {
                    ((Node) slots[i + 1]).forEach(action);
                } else {
                    action.accept((ContextVar<?>) k, slots[i + 1]);
                }
            }
        }
    }

    /** Variables with one and the same hash, in a flat array. */
    private static final class Collision extends Node {
        private final int hash;
        private final Object[] kv;

        Collision(int hash, Object[] kv) {
            this.hash = hash;
            this.kv = kv;
        }

        private int indexOf(ContextVar<?> var) {
            for (int i = 0; i < kv.length; i += 2) {
                if (kv[i] == var) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        Object find(int shift, int hash, ContextVar<?> var) {
            int i = indexOf(var);
            return i < 0 ? MISSING : kv[i + 1];
        }

        @Override
        Node with(int shift, int hash, ContextVar<?> var, Object value, boolean[] added) {
            if (hash != this.hash) {
                // Branch here: this node under the bit of its own hash, then the new variable beside it.
                Bitmap branch = new Bitmap(Bitmap.bit(shift, this.hash), new Object[] {null, this});
                return branch.with(shift, hash, var, value, added);
            }
            int i = indexOf(var);
            if (i >= 0) {
                if (kv[i + 1] == value) {
                    return this;
                }
                Object[] a = kv.clone();
                a[i + 1] = value;
                return new Collision(hash, a);
            }
            Object[] a = Arrays.copyOf(kv, kv.length + 2);
            a[kv.length] = var;
            a[kv.length + 1] = value;
            added[0] = true;
            return new Collision(hash, a);
        }

        @Override
        Node without(int shift, int hash, ContextVar<?> var) {
            int i = indexOf(var);
            if (i < 0) {
                return this;
            }
            if (kv.length == 2) {
                return null;
            }
            Object[] a = new Object[kv.length - 2];
            System.arraycopy(kv, 0, a, 0, i);
            System.arraycopy(kv, i + 2, a, i, kv.length - i - 2);
            return new Collision(hash, a);
        }

        @Override
        void forEach(BiConsumer<ContextVar<?>, Object> action) {
            for (int i = 0; i < kv.length; i += 2) {
                action.accept((ContextVar<?>) kv[i], kv[i + 1]);
            }
        }
    }
}
