/** User profiles (gender, age, country) and the profile similarity the neighbour search blends in. */
package io.setlist.recommender.profile;
