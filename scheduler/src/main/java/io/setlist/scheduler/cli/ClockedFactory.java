package io.setlist.scheduler.cli;

import picocli.CommandLine;

import java.time.Clock;

/**
 * Creates the command line's commands and converters with the clock that says which day is today (the system
 * clock in {@code ./setlist}, a fixed one in tests).
 */
final class ClockedFactory implements CommandLine.IFactory {
    /** A command that takes "today" from the command line's clock. */
    interface UsesClock {
        void useClock(Clock clock);
    }

    private final Clock clock;

    ClockedFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls == BusinessDateOption.class) {
            return cls.cast(new BusinessDateOption(clock));
        }
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof UsesClock user) {
            user.useClock(clock);
        }
        return made;
    }
}
