/** Benchmarks and their baselines: import, retention, publish and the neighbour search, with the synthetic inputs they need. */
package io.setlist.lab.bench;
