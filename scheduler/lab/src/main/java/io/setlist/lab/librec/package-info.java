/** The LibRec 2.0.0 UserKNN baseline, kept here so LibRec never reaches the service's classpath. */
package io.setlist.lab.librec;
