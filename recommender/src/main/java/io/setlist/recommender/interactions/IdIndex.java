package io.setlist.recommender.interactions;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Bijection between external integer ids and dense indexes {@code 0..size-1}.
 *
 * <p>Index order is ascending id order. That choice makes the mapping a plain sorted {@code int[]}
 * (4 bytes per id, binary-search lookup) instead of a hash map, and it means "lower index" and
 * "lower id" agree, so tie-breaks by index are also tie-breaks by id.
 */
public final class IdIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] sortedIds;

    private IdIndex(int[] sortedIds) {
        this.sortedIds = sortedIds;
    }

    /**
     * @param ids unique ids in any order; the array is copied
     * @throws IllegalArgumentException if an id occurs twice
     */
    public static IdIndex of(int[] ids) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("duplicate id " + sorted[i]);
            }
        }
        return new IdIndex(sorted);
    }

    /** Takes ownership of an array already sorted ascending without duplicates (no copy, no check). */
    static IdIndex ofSortedUnique(int[] sortedIds) {
        return new IdIndex(sortedIds);
    }

    /** @return the dense index of {@code id}, or -1 if the id is not in this index */
    public int indexOf(int id) {
        int i = Arrays.binarySearch(sortedIds, id);
        return i >= 0 ? i : -1;
    }

    public int idAt(int index) {
        return sortedIds[index];
    }

    public int size() {
        return sortedIds.length;
    }

    /** @return a copy of all ids, ascending (= index order) */
    public int[] toArray() {
        return sortedIds.clone();
    }

    @Override
    public String toString() {
        return "IdIndex[size=" + sortedIds.length + "]";
    }
}
