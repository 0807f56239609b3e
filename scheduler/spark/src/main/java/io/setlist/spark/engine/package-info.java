/** The recommend stage as Spark tasks over user blocks, calling the single-JVM stage's own classes. */
package io.setlist.spark.engine;
