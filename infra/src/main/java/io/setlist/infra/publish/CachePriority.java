package io.setlist.infra.publish;

/** One track of a cache tier's priority list: rank 1 is kept first. */
public record CachePriority(int rank, String trackKey, double probability, double priority) {
}
