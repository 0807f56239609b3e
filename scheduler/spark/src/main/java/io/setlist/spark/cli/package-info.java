/** The Spark module's command line: {@code run recommend --engine spark} and {@code bench spark}. */
package io.setlist.spark.cli;
