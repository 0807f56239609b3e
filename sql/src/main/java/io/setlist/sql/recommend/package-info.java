/** The recommendations of each business date. */
package io.setlist.sql.recommend;
