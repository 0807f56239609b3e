package io.setlist.scheduler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Replay a later window of plays against the cache plan, LRU, LFU and the Belady oracle.")
final class EvalCacheCommand implements Callable<Integer> {
    @Mixin
    EvalSource source;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("eval cache is not implemented yet");
    }
}
