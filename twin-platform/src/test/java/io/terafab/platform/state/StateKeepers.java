package io.terafab.platform.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;

/** State keepers for unit tests of the platform core: no CDI container, no broker. */
public final class StateKeepers {

    private StateKeepers() {}

    /** A keeper without snapshots (twin.state.enabled=false). */
    public static StateKeeper withoutSnapshots(int outboxCapacity) {
        return keeper(config(false, outboxCapacity, Duration.ofMinutes(1)));
    }

    /** A keeper that starts empty and snapshots through {@code producer} (a {@code MockProducer}). */
    public static StateKeeper snapshottingThrough(Producer<String, byte[]> producer, Duration maxSnapshotAge) {
        StateKeeper keeper = keeper(config(true, 100, maxSnapshotAge));
        keeper.startEmpty(new SnapshotTopic("test-service.state", producer));
        return keeper;
    }

    private static StateKeeper keeper(StateConfig config) {
        StateKeeper keeper = new StateKeeper();
        keeper.config = config;
        keeper.mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        keeper.model = new NoModel();
        keeper.applicationName = "test-service";
        return keeper;
    }

    public static StateConfig config(boolean enabled, int outboxCapacity, Duration maxSnapshotAge) {
        return new StateConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<String> topic() {
                return Optional.empty();
            }

            @Override
            public Optional<String> instanceId() {
                return Optional.empty();
            }

            @Override
            public Duration snapshotInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int dedupWindow() {
                return 100;
            }

            @Override
            public Duration restoreTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int outboxCapacity() {
                return outboxCapacity;
            }

            @Override
            public Duration maxSnapshotAge() {
                return maxSnapshotAge;
            }
        };
    }

    /** A service without a model bean: snapshots hold positions, ids and outputs only. */
    private static final class NoModel implements Instance<TwinStateful> {

        @Override
        public Instance<TwinStateful> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends TwinStateful> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TwinStateful> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isUnsatisfied() {
            return true;
        }

        @Override
        public boolean isAmbiguous() {
            return false;
        }

        @Override
        public void destroy(TwinStateful instance) {}

        @Override
        public Handle<TwinStateful> getHandle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<? extends Handle<TwinStateful>> handles() {
            return Collections.emptyList();
        }

        @Override
        public Iterator<TwinStateful> iterator() {
            return Collections.emptyIterator();
        }

        @Override
        public TwinStateful get() {
            throw new UnsupportedOperationException("no model");
        }
    }
}
