package org.enclave.compute.aggregate;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Spark aggregate: the two largest per-unit contributions of a cell by absolute value, in one pass and
 * constant memory per cell (a sort or a window over all units would cost a shuffle and memory per unit).
 * Inputs are already per-unit sums; nulls are ignored.
 */
final class TopTwoByMagnitude extends Aggregator<Double, TopTwo, TopTwo> {

    private static final long serialVersionUID = 1L;

    @Override
    public TopTwo zero() {
        return new TopTwo();
    }

    @Override
    public TopTwo reduce(TopTwo buffer, Double value) {
        return buffer.offer(value);
    }

    @Override
    public TopTwo merge(TopTwo a, TopTwo b) {
        return a.offer(b.getFirst()).offer(b.getSecond());
    }

    @Override
    public TopTwo finish(TopTwo reduction) {
        return reduction;
    }

    @Override
    public Encoder<TopTwo> bufferEncoder() {
        return Encoders.bean(TopTwo.class);
    }

    @Override
    public Encoder<TopTwo> outputEncoder() {
        return Encoders.bean(TopTwo.class);
    }
}
