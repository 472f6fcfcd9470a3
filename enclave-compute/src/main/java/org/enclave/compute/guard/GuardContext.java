package org.enclave.compute.guard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checks know about one analysis: the granted views, every node of the parsed plan, and the
 * names the query itself defines.
 *
 * @param views           view name to visible columns (lower case)
 * @param visits          every node, parents first
 * @param grantedColumns  the union of the views' visible columns
 * @param definedNames    column and relation names the query defines (aliases, CTE names, subquery
 *                        aliases, generator outputs, inline-table columns), lower case
 * @param qualifiers      names usable as a column qualifier: view names, subquery and CTE names,
 *                        generator qualifiers, lower case
 */
record GuardContext(
        Map<String, List<String>> views,
        List<Visit> visits,
        Set<String> grantedColumns,
        Set<String> definedNames,
        Set<String> qualifiers) {

    static GuardContext of(Map<String, List<String>> views, List<Visit> visits) {
        Set<String> granted = new HashSet<>();
        views.values().forEach(granted::addAll);
        Set<String> defined = new HashSet<>();
        Set<String> qualifiers = new HashSet<>(views.keySet());
        for (Visit visit : visits) {
            DefinedNames.of(visit, defined, qualifiers);
        }
        return new GuardContext(views, visits, Set.copyOf(granted), Set.copyOf(defined), Set.copyOf(qualifiers));
    }
}
