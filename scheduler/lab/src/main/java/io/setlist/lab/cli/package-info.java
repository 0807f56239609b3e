/** The laboratory's command line (demo, generate, bench, eval), run by ./setlist on the laboratory's classpath. */
package io.setlist.lab.cli;
