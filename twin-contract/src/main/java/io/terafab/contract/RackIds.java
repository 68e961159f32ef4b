package io.terafab.contract;

import java.util.HashSet;
import java.util.List;

/** The check of a job event's optional {@code rackIds}: distinct rack ids, as many as its {@code racks}. */
final class RackIds {

    private RackIds() {}

    static List<String> check(List<String> rackIds, int racks) {
        if (rackIds == null) {
            return null;
        }
        rackIds.forEach(id -> Require.text(id, "rackIds[]"));
        List<String> ids = List.copyOf(rackIds);
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new InvalidEventException("rackIds name a rack twice: " + ids);
        }
        if (ids.size() != racks) {
            throw new InvalidEventException("rackIds name " + ids.size() + " racks, racks is " + racks);
        }
        return ids;
    }
}
