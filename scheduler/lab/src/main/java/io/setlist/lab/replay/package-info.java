/** The cache replay simulator: later plays replayed against the Setlist plan, LRU, LFU and the Belady oracle. */
package io.setlist.lab.replay;
