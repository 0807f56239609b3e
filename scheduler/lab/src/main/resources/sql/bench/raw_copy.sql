COPY bench_raw_plays FROM STDIN
