package dev.vigil.kit.deadletter;

/** A domain check of one input value: returns null when valid, otherwise what is wrong with it, in words. */
@FunctionalInterface
public interface Validator<V> {
    String problem(V value);
}
