package dev.vigil.cli;

import dev.vigil.kit.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations on the command line as operators type them: 150s, 5m, 36h, 7d. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
