-- How often each user applied each tag, for the recommend stage's tag-similarity source.
SELECT user_id, tag_id, count(*)::integer FROM tag_assignments GROUP BY user_id, tag_id
