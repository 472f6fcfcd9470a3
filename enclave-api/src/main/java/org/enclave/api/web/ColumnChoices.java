package org.enclave.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.project.ProjectController;

/**
 * Column checkboxes in portal forms: each is named {@code col} with the value {@code <datasetId>:<column>}.
 * This turns the ticked ones back into the per-dataset lists the API's request records hold.
 */
final class ColumnChoices {

    private ColumnChoices() {
    }

    /** The ticked columns grouped by dataset, in the order ticked; unreadable values are ignored. */
    static List<ProjectController.DatasetColumns> parse(List<String> ticked) {
        Map<DatasetId, Set<String>> byDataset = new LinkedHashMap<>();
        for (String value : ticked == null ? List.<String>of() : ticked) {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            try {
                DatasetId id = DatasetId.of(value.substring(0, colon));
                byDataset.computeIfAbsent(id, k -> new TreeSet<>()).add(value.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                // not a dataset id: ignore the box
            }
        }
        List<ProjectController.DatasetColumns> out = new ArrayList<>();
        byDataset.forEach((id, columns) -> out.add(new ProjectController.DatasetColumns(id, columns)));
        return out;
    }

    static Map<DatasetId, Set<String>> asMap(List<ProjectController.DatasetColumns> list) {
        Map<DatasetId, Set<String>> map = new LinkedHashMap<>();
        list.forEach(d -> map.put(d.datasetId(), d.columns()));
        return map;
    }
}
