package dev.vigil.aggregator.bgp;

import java.util.Arrays;

/**
 * UFAM's "rare AS" measure for one peer: how often each ASN has appeared on the peer's announced paths (each
 * distinct ASN of a path once), a threshold equal to the 20th percentile of those counts (numpy's linear
 * interpolation) recomputed after every 1000th path, and per path the number of its distinct ASNs whose count,
 * this path included, is below the threshold. The first 999 paths only warm the counts up and report -1.
 *
 * <p>Kept in memory (an open-addressing map, about 10 bytes per ASN: under 1 MB for a full-table peer's ~75,000
 * ASNs). After a restart it warms up again from empty, as the UFAM extractor does at the start of every file.
 */
public final class RareAsTracker {
    static final int RECOMPUTE_EVERY = 1000;
    static final double PERCENTILE = 0.20;

    private int[] keys = new int[1024];
    private int[] counts = new int[1024];
    private int size;
    private long iteration = 1;
    private double threshold;

    /** Counts the path's distinct ASNs and returns its number of rare ASes, or -1 during the warm-up. */
    public int observe(long[] uniqueAsns) {
        int rare = 0;
        for (long asn : uniqueAsns) {
            if (increment((int) asn) < threshold) {
                rare++;
            }
        }
        iteration++;
        if (iteration % RECOMPUTE_EVERY == 0) {
            threshold = percentile();
        }
        return iteration > RECOMPUTE_EVERY ? rare : -1;
    }

    double threshold() {
        return threshold;
    }

    int distinctAsns() {
        return size;
    }

    private int increment(int asn) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int slot = slot(keys, counts, asn);
        if (counts[slot] == 0) {
            keys[slot] = asn;
            size++;
        }
        return ++counts[slot];
    }

    private static int slot(int[] keys, int[] counts, int asn) {
        int mask = keys.length - 1;
        int i = (asn * 0x9E3779B9) >>> 7 & mask;
        while (counts[i] != 0 && keys[i] != asn) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = slot(keys, counts, oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    /** numpy.percentile(counts, 20) with linear interpolation, by selection rather than a full sort. */
    private double percentile() {
        int[] values = new int[size];
        int n = 0;
        for (int c : counts) {
            if (c != 0) {
                values[n++] = c;
            }
        }
        double position = PERCENTILE * (n - 1);
        int lo = (int) Math.floor(position);
        int hi = (int) Math.ceil(position);
        double low = Selection.kth(values, lo);
        double high = hi == lo ? low : Selection.kth(values, hi);
        return low + (high - low) * (position - lo);
    }

    /** In-place quickselect: the k-th smallest value (0-based). */
    static final class Selection {
        private Selection() {
        }

        static int kth(int[] a, int k) {
            int left = 0;
            int right = a.length - 1;
            while (left < right) {
                int pivot = median(a[left], a[(left + right) >>> 1], a[right]);
                int i = left;
                int j = right;
                while (i <= j) {
                    while (a[i] < pivot) {
                        i++;
                    }
                    while (a[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        int t = a[i];
                        a[i++] = a[j];
                        a[j--] = t;
                    }
                }
                if (k <= j) {
                    right = j;
                } else if (k >= i) {
                    left = i;
                } else {
                    return a[k];
                }
            }
            return a[k];
        }

        private static int median(int a, int b, int c) {
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
    }

    @Override
    public String toString() {
        return "RareAsTracker[asns=" + size + ", paths=" + (iteration - 1) + ", threshold=" + threshold + "]";
    }

    static int[] sortedCounts(RareAsTracker t) {
        return Arrays.stream(t.counts).filter(c -> c != 0).sorted().toArray();
    }
}
