/** Flyway migrations written in Java, for the one schema that comes from a jar (the Quartz job store). */
package db.migration;
