package dev.vigil.aggregator.stream;

/** How a window accumulator is created and stored. */
interface Codec<A> {
    A create();

    byte[] encode(A accumulator);

    A decode(byte[] bytes);
}
