package io.setlist.recommender.neighbours;

/** One thread's neighbour search over ranges of query users, writing only those users' output slots. */
interface NeighbourWorker {
    void compute(int fromUser, int toUser);

    /** Postings read so far. */
    long postingsScanned();

    /** Postings of query users' artists not read because a bound made them irrelevant. */
    long postingsSkipped();
}
