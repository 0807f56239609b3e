-- Issue 17: what HetRec Last.fm 2K holds besides plays, as extra neighbour sources of the daily recommend stage.
-- user_friends.dat lists each friendship in both directions; a row is one direction.
CREATE TABLE friendships (
    user_id   integer NOT NULL REFERENCES users,
    friend_id integer NOT NULL REFERENCES users,
    PRIMARY KEY (user_id, friend_id),
    CHECK (user_id <> friend_id)
);

-- user_taggedartists.dat: a user applied a tag (tags.dat id) to an artist; the date is month-grained.
CREATE TABLE tag_assignments (
    user_id   integer NOT NULL REFERENCES users,
    artist_id integer NOT NULL REFERENCES artists,
    tag_id    integer NOT NULL CHECK (tag_id > 0),
    tagged_on date,
    PRIMARY KEY (user_id, artist_id, tag_id)
);
