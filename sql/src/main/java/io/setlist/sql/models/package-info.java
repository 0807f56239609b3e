/** The model registry: versions, metrics, champions. */
package io.setlist.sql.models;
