package dev.vigil.aggregator.stream;

/** How a window accumulator is created and stored. */
interface Codec<A> {
    static <A> Codec<A> of(java.util.function.Supplier<A> create, java.util.function.Function<A, byte[]> encode,
                           java.util.function.Function<byte[], A> decode) {
        return new Codec<>() {
            public A create() {
                return create.get();
            }

            public byte[] encode(A accumulator) {
                return encode.apply(accumulator);
            }

            public A decode(byte[] bytes) {
                return decode.apply(bytes);
            }
        };
    }

    A create();

    byte[] encode(A accumulator);

    A decode(byte[] bytes);
}
