package dev.vigil.kit.state;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store that keeps live, decoded objects in memory and writes the changed ones to a logged, uncached store
 * underneath only when Kafka Streams flushes caches, right before every commit (and before a task is suspended or
 * closed cleanly). Committed offsets therefore always come with the state of every record before them, in the same
 * transaction (exactly-once); a crash between commits loses only uncommitted work, which is processed again. For
 * state that changes with nearly every record and costs far more to encode than to change.
 *
 * <p>The flush hook is {@link CachedStateStore}, the internal interface Kafka Streams' own caching stores implement:
 * this store registers itself as the root of the store underneath, so Kafka Streams calls {@link #flushCache()} and
 * {@link #clearCache()} on it; a Kafka upgrade must keep the subclasses' tests green. Everything else of
 * {@link StateStore} is the store underneath.
 *
 * @param <S> the logged store underneath
 */
public abstract class WriteBehindStore<S extends StateStore> implements StateStore, CachedStateStore<Bytes, byte[]> {
    protected final S store;

    protected WriteBehindStore(S store) {
        this.store = store;
    }

    /** Writes every changed live object to the store underneath: called by Kafka Streams before each commit. */
    @Override
    public abstract void flushCache();

    /** The store underneath may have been changed directly (a recycled task restores into it): forget the live copies. */
    @Override
    public abstract void clearCache();

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        store.init(context, root);
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        store.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return store.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return store.managesOffsets();
    }

    @Override
    public void close() {
        clearCache();
        store.close();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return store.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return store.getPosition();
    }

    /**
     * Builds the store underneath (which must be uncached: a write-behind store folds its writes itself) and wraps it.
     *
     * @param <S> the store underneath
     * @param <W> the write-behind store
     */
    public record Builder<S extends StateStore, W extends WriteBehindStore<S>>(StoreBuilder<S> inner, Function<S, W> wrap)
            implements StoreBuilder<W> {
        @Override
        public StoreBuilder<W> withCachingEnabled() {
            throw new UnsupportedOperationException("a write-behind store folds its writes itself");
        }

        @Override
        public StoreBuilder<W> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<W> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config), wrap);
        }

        @Override
        public StoreBuilder<W> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled(), wrap);
        }

        @Override
        public W build() {
            return wrap.apply(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
