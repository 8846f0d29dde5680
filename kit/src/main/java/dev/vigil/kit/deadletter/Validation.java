package dev.vigil.kit.deadletter;

import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Splits a stream into valid values, which flow on, and invalid ones, which go to the source's dead-letter topic. */
public final class Validation {
    private Validation() {
    }

    public static <V extends SpecificRecord> KStream<String, V> validate(KStream<String, V> input, String sourceTopic,
                                                                        Class<V> type, Validator<V> validator, AppContext ctx) {
        return validate(input, sourceTopic, type, validator, null, ctx);
    }

    /**
     * As {@link #validate(KStream, String, Class, Validator, AppContext)}, and an event time outside the
     * configured {@link TimeBounds} (far future, absurdly old) is refused too, before it can move any clock.
     */
    public static <V extends SpecificRecord> KStream<String, V> validate(KStream<String, V> input, String sourceTopic,
                                                                        Class<V> type, Validator<V> validator,
                                                                        Function<V, Instant> eventTime, AppContext ctx) {
        return validate(input, sourceTopic, type, validator, eventTime, null, ctx);
    }

    /**
     * As above, and a record whose key does not fit its value (see {@link KeyCheck}) is refused too: processed
     * under the wrong key it would split its entity's state in two, silently.
     */
    public static <V extends SpecificRecord> KStream<String, V> validate(KStream<String, V> input, String sourceTopic,
                                                                        Class<V> type, Validator<V> validator,
                                                                        Function<V, Instant> eventTime,
                                                                        KeyCheck<V> keyCheck, AppContext ctx) {
        String name = "validate-" + sourceTopic.replace('.', '-');
        var serializer = ctx.serdes().value(type).serializer();
        TimeBounds bounds = TimeBounds.from(ctx.config());
        KStream<String, Checked<V>> checked = input.processValues(
                () -> new ValidationProcessor<>(ctx.appName(), withKeyCheck(validator, keyCheck), eventTime, bounds, serializer,
                        ctx.metrics()),
                Named.as(name));
        var branches = checked.split(Named.as(name + "-"))
                .branch((k, v) -> !v.valid(), Branched.withConsumer(invalid -> invalid
                        .mapValues(Checked::deadLetter, Named.as(name + "-letters"))
                        .to(Topics.dlq(sourceTopic), ctx.producedDeadLetters())))
                .defaultBranch(Branched.as("valid"));
        return branches.get(name + "-valid").mapValues(Checked::value, Named.as(name + "-values"));
    }

    /** As {@link #validate(KStream, String, Class, Validator, AppContext)}, for a typed topic under its configured name. */
    public static <V extends SpecificRecord> KStream<String, V> validate(KStream<String, V> input, Topic<V> source,
                                                                        Validator<V> validator, AppContext ctx) {
        return validate(input, ctx.topic(source), source.valueType(), validator, ctx);
    }

    /** As {@link #validate(KStream, String, Class, Validator, Function, AppContext)}, for a typed topic. */
    public static <V extends SpecificRecord> KStream<String, V> validate(KStream<String, V> input, Topic<V> source,
                                                                        Validator<V> validator,
                                                                        Function<V, Instant> eventTime, AppContext ctx) {
        return validate(input, ctx.topic(source), source.valueType(), validator, eventTime, ctx);
    }

    /** As {@link #validate(KStream, String, Class, Validator, Function, KeyCheck, AppContext)}, for a typed topic. */
    public static <V extends SpecificRecord> KStream<String, V> validate(KStream<String, V> input, Topic<V> source,
                                                                        Validator<V> validator,
                                                                        Function<V, Instant> eventTime,
                                                                        KeyCheck<V> keyCheck, AppContext ctx) {
        return validate(input, ctx.topic(source), source.valueType(), validator, eventTime, keyCheck, ctx);
    }

    private static <V> KeyedValidator<V> withKeyCheck(Validator<V> validator, KeyCheck<V> keyCheck) {
        return (key, value) -> {
            String problem = validator.problem(value);
            return problem != null || keyCheck == null ? problem : keyCheck.problem(key, value);
        };
    }

    /** Whether a record's key fits its value: null when it does, else why not. */
    @FunctionalInterface
    public interface KeyCheck<V> {
        String problem(String key, V value);
    }

    /** A validator that also sees the record's key. */
    @FunctionalInterface
    interface KeyedValidator<V> {
        String problem(String key, V value);
    }
}
