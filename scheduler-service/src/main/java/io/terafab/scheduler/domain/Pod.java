package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.List;

/** A group of racks on one high-bandwidth fabric; gangs inside one pod communicate fastest. */
final class Pod {

    final int index;
    final List<Rack> racks = new ArrayList<>();
    int free;

    Pod(int index) {
        this.index = index;
    }

    String id() {
        return String.format("pod-%04d", index);
    }
}
