package dev.vigil.drift.state;

import dev.vigil.kit.state.StateJson;
import dev.vigil.avro.ModelStage;
import dev.vigil.registry.ServingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A model's {@link ServingState} as the monitor stores it (versions store, key: the model name), in JSON:
 * {@code {"order":[{"version":1,"stage":"PRODUCTION","everInProduction":true}],"refused":[2]}}. A class of its
 * own, so that renaming something in the registry cannot silently change what the changelog holds.
 *
 * <p>Before the serving rule moved to the registry, the value was a JSON array of the versions in production,
 * oldest announcement first. Such a value still decodes: those versions in that order, in production, none
 * refused. Versions that state had already dropped (archived ones) are no fallback until they are announced
 * again; it differs from the rule only when every production version is refused or archived.
 *
 * @param order each version's latest announcement, oldest first
 * @param refused versions a serving app refused
 */
public record StoredServing(List<Entry> order, List<Integer> refused) {
    /** One version's latest announcement. */
    public record Entry(int version, ModelStage stage, boolean everInProduction) {
    }

    public static byte[] encode(ServingState state) {
        List<Entry> order = state.order().stream()
                .map(a -> new Entry(a.version(), a.stage(), a.everInProduction())).toList();
        return StateJson.writeBytes(new StoredServing(order, List.copyOf(state.refused())));
    }

    public static ServingState decode(byte[] stored) {
        return isLegacyOrder(stored) ? fromProductionOrder(StateJson.read(stored, int[].class))
                : StateJson.read(stored, StoredServing.class).toState();
    }

    private ServingState toState() {
        List<ServingState.Announcement> announcements = new ArrayList<>();
        order.forEach(e -> announcements.add(new ServingState.Announcement(e.version(), e.stage(), e.everInProduction())));
        return new ServingState(announcements, refused == null ? Set.of() : Set.copyOf(refused));
    }

    private static ServingState fromProductionOrder(int[] inProduction) {
        ServingState state = ServingState.EMPTY;
        for (int version : inProduction) {
            state = state.announced(new ServingState.Announcement(version, ModelStage.PRODUCTION, true));
        }
        return state;
    }

    private static boolean isLegacyOrder(byte[] stored) {
        for (byte b : stored) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }
}
