package io.terafab.scheduler.domain;

import io.terafab.platform.model.ModelRejection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The priority classes the scheduler knows, and how a submission's class is resolved: by name
 * when given (an unknown name is refused), else from the integer priority of version 1
 * submissions (the class with the greatest value not above it, the lowest class below them all),
 * else the default class.
 */
public final class PriorityClasses {

    private final Map<String, PriorityClass> byName = new TreeMap<>();
    private final List<PriorityClass> highestFirst;
    private final PriorityClass defaultClass;

    public PriorityClasses(Collection<PriorityClass> classes, String defaultClassName) {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("at least one priority class is needed");
        }
        for (PriorityClass c : classes) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("priority class " + c.name() + " is defined twice");
            }
        }
        highestFirst = new ArrayList<>(byName.values());
        highestFirst.sort(Comparator.comparingInt(PriorityClass::value).reversed());
        for (int i = 1; i < highestFirst.size(); i++) {
            if (highestFirst.get(i).value() == highestFirst.get(i - 1).value()) {
                throw new IllegalArgumentException(
                        "priority classes " + highestFirst.get(i - 1).name() + " and "
                                + highestFirst.get(i).name() + " have the same value "
                                + highestFirst.get(i).value());
            }
        }
        defaultClass = byName.get(defaultClassName);
        if (defaultClass == null) {
            throw new IllegalArgumentException(
                    "default priority class " + defaultClassName + " is not one of " + byName.keySet());
        }
    }

    /**
     * The class of a submission.
     *
     * @throws ModelRejection (invalid) for a class name that is not configured
     */
    public PriorityClass resolve(String name, Integer priority) {
        if (name != null) {
            PriorityClass named = byName.get(name);
            if (named == null) {
                throw ModelRejection.invalid("priorityClass must be one of " + byName.keySet() + ", was " + name);
            }
            return named;
        }
        if (priority == null) {
            return defaultClass;
        }
        for (PriorityClass c : highestFirst) {
            if (c.value() <= priority) {
                return c;
            }
        }
        return highestFirst.get(highestFirst.size() - 1);
    }

    public Optional<PriorityClass> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every class, highest value first. */
    public List<PriorityClass> highestFirst() {
        return List.copyOf(highestFirst);
    }

    public PriorityClass defaultClass() {
        return defaultClass;
    }
}
