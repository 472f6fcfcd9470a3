package org.enclave.compute.guard;

import java.util.Optional;
import org.apache.spark.sql.catalyst.trees.Origin;

/**
 * A place in the researcher's SQL text.
 *
 * @param line   1-based line number
 * @param column 1-based column (character) in that line
 */
public record SqlPosition(int line, int column) {

    public SqlPosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based");
        }
    }

    /** The position Spark's parser recorded for a node, if it recorded one. */
    static Optional<SqlPosition> of(Origin origin) {
        if (origin == null || origin.line().isEmpty() || origin.startPosition().isEmpty()) {
            return Optional.empty();
        }
        int line = (Integer) origin.line().get();
        int start = (Integer) origin.startPosition().get();
        return Optional.of(new SqlPosition(line, start + 1));
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
