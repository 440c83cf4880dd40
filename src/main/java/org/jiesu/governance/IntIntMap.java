package org.jiesu.governance;

/** An open-addressing int-to-int map with no boxing, for millions of shingles; absent keys read as 0. */
final class IntIntMap {

    private static final int FREE = 0;

    private int[] keys = new int[1 << 12];
    private int[] values = new int[1 << 12];
    private int zeroValue;
    private int size;

    int get(int key) {
        if (key == FREE) {
            return zeroValue;
        }
        int mask = keys.length - 1;
        for (int i = Shingles.mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] == FREE) {
                return 0;
            }
        }
    }

    void put(int key, int value) {
        if (key == FREE) {
            zeroValue = value;
            return;
        }
        int i = slot(key); // slot may grow the arrays: read the field after it
        values[i] = value;
    }

    void increment(int key) {
        if (key == FREE) {
            zeroValue++;
            return;
        }
        int i = slot(key);
        values[i]++;
    }

    int size() {
        return size;
    }

    private int slot(int key) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = Shingles.mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return i;
            }
            if (keys[i] == FREE) {
                keys[i] = key;
                size++;
                return i;
            }
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == FREE) {
                continue;
            }
            int i = Shingles.mix(oldKeys[j]) & mask;
            while (keys[i] != FREE) {
                i = (i + 1) & mask;
            }
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }
}
