package org.enclave.pseudonymiser.io;

import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.enclave.pseudonymiser.schema.OutputColumn;

/** Maps the output columns to a Parquet message type. */
public final class OutputSchema {
    private OutputSchema() {
    }

    public static MessageType of(String dataset, List<OutputColumn> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (OutputColumn c : columns) {
            switch (c.type()) {
                case CSNS -> b.required(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(32).named(c.name());
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(c.name());
                case INT32 -> b.optional(PrimitiveTypeName.INT32).named(c.name());
                case INT64 -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case DECIMAL -> b.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.decimalType(c.scale(), 18)).named(c.name());
                case DATE -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType())
                    .named(c.name());
                default -> throw new IllegalStateException("unknown output type");
            }
        }
        return b.named(dataset.replaceAll("[^A-Za-z0-9_]", "_"));
    }
}
