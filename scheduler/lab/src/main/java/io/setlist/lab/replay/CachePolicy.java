package io.setlist.lab.replay;

/** A cache under replay: told each request in order, answers whether it was a hit. */
public interface CachePolicy {
    String name();

    /**
     * @param position index of the request in the replayed sequence
     * @return true when the track was in the cache before this request
     */
    boolean request(int position, long ts, int track, long sizeBytes);
}
