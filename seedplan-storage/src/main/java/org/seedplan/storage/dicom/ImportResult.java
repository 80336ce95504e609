package org.seedplan.storage.dicom;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one import stored.
 *
 * @param instances the objects stored (or found already stored)
 * @param skipped   files that were not DICOM Part 10 objects (or were a DICOMDIR), with the reason
 */
public record ImportResult(List<StoredInstance> instances, List<String> skipped) {

    public ImportResult {
        instances = List.copyOf(instances);
        skipped = List.copyOf(skipped);
    }

    /** The studies touched: study UID → its series UIDs. */
    public Map<String, java.util.Set<String>> seriesByStudy() {
        return instances.stream().collect(Collectors.groupingBy(StoredInstance::studyInstanceUid, java.util.LinkedHashMap::new,
                Collectors.mapping(StoredInstance::seriesInstanceUid, Collectors.toCollection(java.util.LinkedHashSet::new))));
    }
}
