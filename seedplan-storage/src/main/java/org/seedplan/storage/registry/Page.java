package org.seedplan.storage.registry;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items the rows of this page
 * @param total rows in the whole list
 */
public record Page<T>(List<T> items, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
