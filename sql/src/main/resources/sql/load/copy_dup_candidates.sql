COPY dup_candidates FROM STDIN
