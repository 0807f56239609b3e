/** Benchmarks and their baselines: import, retention, publish, the neighbour search and the asynchronous predictions' load test (on a loopback Setlist), with the synthetic inputs they need. */
package io.setlist.lab.bench;
