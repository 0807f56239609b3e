/** The daily pipeline's stages; each reads the warehouse, calls the pure algorithms and writes its results. */
package io.setlist.scheduler.pipeline;
